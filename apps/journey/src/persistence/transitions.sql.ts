import type { JourneyTransitionV2 } from '@touchpoint/contracts';
import type { PoolClient } from 'pg';

/** Into the timeline and the outbox at once: committed with the state that caused them. */
export async function recordTransitions(client: PoolClient, transitions: readonly JourneyTransitionV2[]): Promise<void> {
  if (transitions.length === 0) return;
  await client.query({
    name: 'journey-record-transitions',
    text: `INSERT INTO journey_transitions (profile_id, transition_id, occurred_at, body)
           SELECT r.profile_id, r.transition_id, r.occurred_at, r.body
           FROM json_to_recordset($1::json) AS r(ord int, profile_id uuid, transition_id text, occurred_at bigint, body json)
           ORDER BY r.ord`,
    values: [
      JSON.stringify(transitions.map((t, ord) => ({ ord, profile_id: t.profileId, transition_id: t.transitionId, occurred_at: Date.parse(t.occurredAt), body: t }))),
    ],
  });
}

export interface PendingTransition {
  readonly seq: string;
  readonly body: JourneyTransitionV2;
  /** When ingest accepted the event that caused it (its receivedAt), for the accept-time header; null for merges and timers. */
  readonly received_at: string | null;
}

// The causing entry's copy carries ingest's receivedAt: the outbox reads it back instead of keeping a column of its own.
const PENDING_COLUMNS = `t.seq, t.body, e.entry->'event'->>'receivedAt' AS received_at
  FROM journey_transitions t LEFT JOIN journey_entries e ON e.profile_id = t.profile_id AND e.message_id = t.body->'cause'->>'id'`;

/**
 * Locks the unpublished transitions in commit order. A second publisher of the same rows
 * waits on the lock and then finds them published, so a profile's transitions reach the
 * topic in the order they were committed.
 */
export async function lockPending(client: PoolClient, profileIds: readonly string[] | null, limit: number): Promise<PendingTransition[]> {
  const { rows } =
    profileIds === null
      ? await client.query<PendingTransition>(`SELECT ${PENDING_COLUMNS} WHERE NOT t.published ORDER BY t.seq LIMIT $1 FOR UPDATE OF t`, [limit])
      : await client.query<PendingTransition>({
          name: 'journey-lock-pending',
          text: `SELECT ${PENDING_COLUMNS} WHERE NOT t.published AND t.profile_id = ANY($1::uuid[]) ORDER BY t.seq LIMIT $2 FOR UPDATE OF t`,
          values: [profileIds, limit],
        });
  return rows;
}

export async function markPublished(client: PoolClient, seqs: readonly string[]): Promise<void> {
  await client.query({ name: 'journey-mark-published', text: 'UPDATE journey_transitions SET published = true WHERE seq = ANY($1::bigint[])', values: [seqs] });
}
