import type { RecommendationMessage } from '@touchpoint/contracts';
import type { MessagePosition } from '@touchpoint/kafka';
import type { PoolClient } from 'pg';
import type { RecommendationState } from '../recommendation-view/recommendation-state';

export interface PendingMessage {
  readonly seq: string;
  readonly profile_id: string;
  readonly body: RecommendationMessage;
  readonly accepted_at: string | null;
}

const scope = (profileIds: readonly string[] | null): { clause: string; values: unknown[] } =>
  profileIds === null ? { clause: '', values: [] } : { clause: 'AND profile_id = ANY($2::uuid[])', values: [profileIds] };

/** Locks unpublished messages in the order they were decided: a second publisher waits, then finds them published. */
export async function lockPendingMessages(client: PoolClient, profileIds: readonly string[] | null, limit: number): Promise<PendingMessage[]> {
  const { clause, values } = scope(profileIds);
  const { rows } = await client.query<PendingMessage>(
    `SELECT seq, profile_id, body, accepted_at FROM recommendation_decisions WHERE published_at IS NULL ${clause} ORDER BY seq LIMIT $1 FOR UPDATE`,
    [limit, ...values],
  );
  return rows;
}

/** Marks messages published where they landed, and moves each profile's position past its last one. */
export async function markMessagesPublished(client: PoolClient, pending: readonly PendingMessage[], positions: readonly MessagePosition[]): Promise<void> {
  await client.query({
    name: 'recommendation-mark-published',
    text: `UPDATE recommendation_decisions d SET published_at = now(), partition = r.partition, "offset" = r.offset
           FROM json_to_recordset($1::json) AS r(seq bigint, partition int, "offset" bigint) WHERE d.seq = r.seq`,
    values: [JSON.stringify(pending.map((row, i) => ({ seq: row.seq, partition: positions[i].partition, offset: positions[i].offset })))],
  });
  const ends = new Map<string, MessagePosition>();
  pending.forEach((row, i) => ends.set(row.profile_id, { partition: positions[i].partition, offset: (BigInt(positions[i].offset) + 1n).toString() }));
  await client.query({
    name: 'recommendation-move-positions',
    text: `UPDATE recommendation_profiles p SET positions = json_build_array(json_build_object('partition', r.partition, 'offset', r.offset))
           FROM json_to_recordset($1::json) AS r(profile_id uuid, partition int, "offset" text) WHERE p.profile_id = r.profile_id`,
    values: [JSON.stringify([...ends].map(([profile_id, end]) => ({ profile_id, partition: end.partition, offset: end.offset })))],
  });
}

export interface PendingState {
  readonly profile_id: string;
  readonly view: RecommendationState['view'];
  readonly told: RecommendationState['told'];
  readonly retired_into: string | null;
  readonly positions: MessagePosition[];
}

export async function lockPendingStates(client: PoolClient, profileIds: readonly string[] | null, limit: number): Promise<PendingState[]> {
  const { clause, values } = scope(profileIds);
  const { rows } = await client.query<PendingState>(
    `SELECT profile_id, view, told, retired_into, positions FROM recommendation_profiles WHERE state_pending ${clause} ORDER BY profile_id LIMIT $1 FOR UPDATE`,
    [limit, ...values],
  );
  return rows;
}

export async function markStatesPublished(client: PoolClient, profileIds: readonly string[]): Promise<void> {
  await client.query({ name: 'recommendation-states-published', text: 'UPDATE recommendation_profiles SET state_pending = false WHERE profile_id = ANY($1::uuid[])', values: [profileIds] });
}

export async function lockPendingTombstones(client: PoolClient, profileIds: readonly string[] | null, limit: number): Promise<string[]> {
  const { clause, values } = scope(profileIds);
  const { rows } = await client.query<{ profile_id: string }>(
    `SELECT profile_id FROM recommendation_erasures WHERE tombstone_pending ${clause} ORDER BY profile_id LIMIT $1 FOR UPDATE`,
    [limit, ...values],
  );
  return rows.map((row) => row.profile_id);
}

export async function markTombstonesPublished(client: PoolClient, profileIds: readonly string[]): Promise<void> {
  await client.query({ name: 'recommendation-tombstones-published', text: 'UPDATE recommendation_erasures SET tombstone_pending = false WHERE profile_id = ANY($1::uuid[])', values: [profileIds] });
}
