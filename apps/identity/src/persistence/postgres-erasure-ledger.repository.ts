import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type ErasedMatch, ErasureLedger } from '../domain/erasure-ledger';

/** The newest erasure of any key, at or after the time given; shared by the ledger and the graph's in-transaction check. */
export const ERASED_SINCE_SQL = `SELECT deletion_id, erased_at FROM erased_identifiers WHERE key = ANY($1::varchar[]) AND erased_at >= $2 ORDER BY erased_at DESC LIMIT 1`;

export async function erasedSince(runner: Pick<EntityManager, 'query'>, keys: readonly string[], receivedAt: Date): Promise<ErasedMatch | null> {
  if (keys.length === 0) return null;
  const rows: { deletion_id: string; erased_at: Date }[] = await runner.query(ERASED_SINCE_SQL, [keys, receivedAt]);
  return rows[0] ? { deletionId: rows[0].deletion_id, erasedAt: rows[0].erased_at } : null;
}

/** erased_identifiers: one row per erased identifier key, written in the erasure's transaction. */
@Injectable()
export class PostgresErasureLedgerRepository extends ErasureLedger {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  erasedSince(keys: readonly string[], receivedAt: Date): Promise<ErasedMatch | null> {
    return erasedSince(this.dataSource.manager, keys, receivedAt);
  }
}
