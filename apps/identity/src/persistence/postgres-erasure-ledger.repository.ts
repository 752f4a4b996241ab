import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type ErasedMatch, ErasureLedger } from '../domain/erasure-ledger';
import { Coalescer } from './coalescer';
import { preparedQuery } from '@touchpoint/persistence';

interface LedgerQuestion {
  readonly keys: readonly string[];
  readonly receivedAt: Date;
}

interface ErasedRow {
  i: number;
  deletion_id: string;
  erased_at: Date;
}

type Query = (text: string, values: readonly unknown[]) => Promise<ErasedRow[]>;

const ERASED_SINCE = `SELECT DISTINCT ON (q.i) q.i, e.deletion_id, e.erased_at
  FROM unnest($1::int[], $2::varchar[], $3::timestamptz[]) AS q(i, key, received_at)
  JOIN erased_identifiers e ON e.key = q.key AND e.erased_at >= q.received_at
  ORDER BY q.i, e.erased_at DESC`;

/** The newest erasure of any key, at or after the time given; the graph asks it inside its transaction. */
export async function erasedSince(runner: Pick<EntityManager, 'query'>, keys: readonly string[], receivedAt: Date): Promise<ErasedMatch | null> {
  return (await erasedSinceEach((text, values) => runner.query(text, [...values]), [{ keys, receivedAt }]))[0];
}

/** One statement for many questions: resolvers ask this for every event, so round trips are what it costs. */
async function erasedSinceEach(query: Query, questions: readonly LedgerQuestion[]): Promise<(ErasedMatch | null)[]> {
  const indexes = questions.flatMap((question, index) => question.keys.map(() => index));
  if (indexes.length === 0) return questions.map(() => null);
  const rows = await query(ERASED_SINCE, [
    indexes,
    questions.flatMap((question) => question.keys),
    questions.flatMap((question) => question.keys.map(() => question.receivedAt)),
  ]);
  const found = new Map(rows.map((row) => [row.i, { deletionId: row.deletion_id, erasedAt: row.erased_at }]));
  return questions.map((_, index) => found.get(index) ?? null);
}

/** erased_identifiers: one row per erased identifier key, written in the erasure's transaction. */
@Injectable()
export class PostgresErasureLedgerRepository extends ErasureLedger {
  private readonly questions = new Coalescer<LedgerQuestion, ErasedMatch | null>((batch) =>
    erasedSinceEach((text, values) => preparedQuery<ErasedRow>(this.dataSource, 'identity-erased-since-v1', text, values), batch),
  );

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  erasedSince(keys: readonly string[], receivedAt: Date): Promise<ErasedMatch | null> {
    return keys.length === 0 ? Promise.resolve(null) : this.questions.run({ keys, receivedAt });
  }
}
