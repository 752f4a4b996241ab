import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a statement as a named prepared statement on one of the pool's connections: Postgres
 * plans it once per connection instead of on every call. Planning the resolver's batched
 * statements costs about as much as running them, and they run for every event.
 */
/**
 * The one method of TypeORM's postgres driver used here, typed by shape: its deep import path
 * resolves under commonjs resolution only, and the benchmarks compile this file with bundler
 * resolution.
 */
interface PostgresPoolDriver {
  obtainMasterConnection(): Promise<unknown>;
}

export async function preparedQuery<T>(dataSource: DataSource, name: string, text: string, values: readonly unknown[]): Promise<T[]> {
  // TypeORM types its pooled connections as any; for the postgres driver they are pg's PoolClient.
  const [client, release] = (await (dataSource.driver as unknown as PostgresPoolDriver).obtainMasterConnection()) as [PoolClient, () => void];
  try {
    const result = await client.query<T & Record<string, unknown>>({ name, text, values: [...values] });
    return result.rows;
  } finally {
    release();
  }
}
