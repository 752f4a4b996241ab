import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The one method of TypeORM's postgres driver used here, typed by shape: its deep import path
 * resolves under commonjs resolution only, and the benchmarks compile with bundler resolution.
 */
interface PostgresPoolDriver {
  obtainMasterConnection(): Promise<unknown>;
}

/** Runs `work` on one of the data source's pooled pg connections, released afterwards. */
export async function withPooledConnection<T>(dataSource: DataSource, work: (client: PoolClient) => Promise<T>): Promise<T> {
  // TypeORM types its pooled connections as any; for the postgres driver they are pg's PoolClient.
  const [client, release] = (await (dataSource.driver as unknown as PostgresPoolDriver).obtainMasterConnection()) as [PoolClient, (error?: Error) => void];
  let broken: Error | undefined;
  // The pool listens for errors of idle connections only. One checked out and waiting between
  // statements (a transaction holding locks while it publishes) would otherwise take the
  // process down with an unhandled 'error' event when its server goes away.
  const onError = (error: Error): void => {
    broken = error;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } catch (error) {
    // A connection that failed mid-statement may be unusable: the pool discards it.
    if (isConnectionError(error)) broken = error as Error;
    throw broken && error !== broken ? broken : error;
  } finally {
    client.off('error', onError);
    release(broken);
  }
}

function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error ? String(error.code) : '';
  return code.startsWith('08') || code === 'ECONNRESET' || code === 'EPIPE' || /Connection terminated/i.test(error.message);
}

/**
 * Runs a statement as a named prepared statement: Postgres plans it once per connection
 * instead of on every call, which matters for statements run for every event.
 */
export async function preparedQuery<T>(dataSource: DataSource, name: string, text: string, values: readonly unknown[]): Promise<T[]> {
  return withPooledConnection(dataSource, async (client) => {
    const result = await client.query<T & Record<string, unknown>>({ name, text, values: [...values] });
    return result.rows;
  });
}
