import { DataSource, type DataSourceOptions } from 'typeorm';
import { ensureDatabase } from './ensure-database';

type PostgresOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

/**
 * Creates the database if needed and runs a service's pending migrations, each in its own
 * transaction; returns the names of those run. Only the one-shot migrate commands call this:
 * services never migrate on start.
 */
export async function runMigrations(options: PostgresOptions): Promise<string[]> {
  if (!options.url) throw new Error('the data source has no url');
  await ensureDatabase(options.url);
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
