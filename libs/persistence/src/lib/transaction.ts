import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { withPooledConnection } from './pooled-connection';

/** serialization_failure and deadlock_detected: Postgres aborted the transaction so that another could go on; running it again is correct. */
const RETRYABLE = new Set(['40001', '40P01']);

export function isRetryableTransactionError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && RETRYABLE.has(String(error.code));
}

export interface TransactionOptions {
  /** Attempts when Postgres aborts the transaction for a conflict (deadlock, serialization). */
  readonly attempts?: number;
}

/**
 * Runs `work` in one transaction on one pooled connection, committed when it resolves and
 * rolled back when it throws. A transaction Postgres aborted for a conflict runs again from
 * the start, so `work` must do nothing outside the database that it cannot repeat.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (client: PoolClient) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await withPooledConnection(dataSource, async (client) => {
        await client.query('BEGIN');
        try {
          const result = await work(client);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
    } catch (error) {
      if (attempt >= attempts || !isRetryableTransactionError(error)) throw error;
      // A short, growing pause lets the transaction that won finish first.
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.floor(Math.random() * 10)));
    }
  }
}
