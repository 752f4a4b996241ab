import type { JourneyTransitionV2 } from '@touchpoint/contracts';
import type { JourneyEntry } from '@touchpoint/journey-model';
import type { PoolClient } from 'pg';
import type { TimelineCursor } from '../journey-record/timeline';

export interface TimelineRows {
  readonly entries: readonly JourneyEntry[];
  readonly transitions: readonly { readonly seq: string; readonly body: JourneyTransitionV2 }[];
}

/**
 * Up to `limit` of each kind after the cursor in timeline order: time, then touchpoints
 * (order 0, by messageId) before transitions (order 1, by seq). The caller merges the two and
 * keeps the first `limit`.
 */
export async function timelineRows(client: PoolClient, profileId: string, after: TimelineCursor | null, limit: number): Promise<TimelineRows> {
  const at = after?.at ?? -1;
  const order = after?.order ?? 0;
  const entries = await client.query<{ entry: JourneyEntry }>(
    `SELECT entry FROM journey_entries WHERE profile_id = $1 AND kind = 'event'
       AND (at > $2::bigint OR (at = $2::bigint AND $3::int = 0 AND message_id COLLATE "C" > $4::text COLLATE "C"))
     ORDER BY at, message_id COLLATE "C" LIMIT $5`,
    [profileId, at, order, order === 0 ? (after?.id ?? '') : '', limit],
  );
  const transitions = await client.query<{ seq: string; body: JourneyTransitionV2 }>(
    `SELECT seq, body FROM journey_transitions WHERE profile_id = $1
       AND (occurred_at > $2::bigint OR (occurred_at = $2::bigint AND ($3::int = 0 OR seq > $4::bigint)))
     ORDER BY occurred_at, seq LIMIT $5`,
    [profileId, at, order, order === 1 ? Number(after?.id ?? -1) : -1, limit],
  );
  return { entries: entries.rows.map((row) => row.entry), transitions: transitions.rows };
}
