import { randomBytes } from 'node:crypto';
import { loadServiceConfig, processEnv } from '@touchpoint/config';
import { Client } from 'pg';
import { runMigrations } from '../persistence/run-migrations';

export interface TestDatabase {
  readonly url: string;
  /** Names of the migrations the migration command applied to the fresh database. */
  readonly migrations: readonly string[];
  drop(): Promise<void>;
}

/** A fresh database per spec run, created and migrated by the real migration command. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const base = new URL(loadServiceConfig('identity', processEnv()).database.url);
  const name = `tp_identity_${label}_${randomBytes(4).toString('hex')}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  const migrations = await runMigrations(url.toString());
  return {
    url: url.toString(),
    migrations,
    drop: async () => {
      const admin = new URL(base);
      admin.pathname = '/postgres';
      const client = new Client({ connectionString: admin.toString() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export function testRedisUrl(): string {
  return loadServiceConfig('identity', processEnv()).redis.url;
}
