import { Client } from 'pg';

const DUPLICATE_DATABASE = '42P04';

export function databaseNameOf(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL names no database');
  return name;
}

/** The same server's maintenance database, where databases are created and dropped. */
export function maintenanceUrlOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

/** Creates the database named in the URL when it is missing; true when it did. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const name = databaseNameOf(databaseUrl);
  const client = new Client({ connectionString: maintenanceUrlOf(databaseUrl) });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      return true;
    } catch (error) {
      // Another migrator created it in between: that is what we wanted.
      if (error instanceof Error && 'code' in error && error.code === DUPLICATE_DATABASE) return false;
      throw error;
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: maintenanceUrlOf(databaseUrl) });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${databaseNameOf(databaseUrl).replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
