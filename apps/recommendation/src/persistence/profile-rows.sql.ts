import type { PoolClient } from 'pg';
import type { DecidedProfile } from '../recommendation-record/recommendation-record';
import type { RecommendationState } from '../recommendation-view/recommendation-state';

interface ProfileRow {
  profile_id: string;
  view: RecommendationState['view'];
  told: RecommendationState['told'];
  clock: RecommendationState['clock'] | null;
  next_due_at: string | null;
}

/** Locks the profiles' rows in id order (no deadlock between two batches) and reads their states; erased ids are not returned. */
export async function lockStates(client: PoolClient, profileIds: readonly string[]): Promise<{ states: Map<string, RecommendationState>; erased: Set<string> }> {
  const ids = [...new Set(profileIds)].sort();
  const { rows } = await client.query<ProfileRow>({
    name: 'recommendation-lock-states',
    text: 'SELECT profile_id, view, told, clock, next_due_at FROM recommendation_profiles WHERE profile_id = ANY($1::uuid[]) ORDER BY profile_id FOR UPDATE',
    values: [ids],
  });
  const erasedRows = await client.query<{ profile_id: string }>({
    name: 'recommendation-erased-among',
    text: 'SELECT profile_id FROM recommendation_erasures WHERE profile_id = ANY($1::uuid[])',
    values: [ids],
  });
  return {
    states: new Map(rows.map((row) => [row.profile_id, { view: row.view, told: row.told, clock: row.clock ?? undefined, nextDueAt: row.next_due_at === null ? null : Number(row.next_due_at) }])),
    erased: new Set(erasedRows.rows.map((row) => row.profile_id)),
  };
}

/** Upserts the decided states; a profile whose messages changed what platforms know gets its state-topic record queued. */
export async function saveStates(client: PoolClient, decided: readonly DecidedProfile[]): Promise<void> {
  if (decided.length === 0) return;
  await client.query({
    name: 'recommendation-save-states',
    text: `INSERT INTO recommendation_profiles AS p (profile_id, view, told, retired_into, state_pending, clock, next_due_at)
           SELECT r.profile_id, r.view, r.told, r.retired_into, r.state_pending, r.clock, r.next_due_at
           FROM json_to_recordset($1::json) AS r(profile_id uuid, view json, told json, retired_into uuid, state_pending boolean, clock json, next_due_at bigint)
           ON CONFLICT (profile_id) DO UPDATE SET view = excluded.view, told = excluded.told, retired_into = excluded.retired_into,
             clock = excluded.clock, next_due_at = excluded.next_due_at,
             state_pending = p.state_pending OR excluded.state_pending, updated_at = now()`,
    values: [
      JSON.stringify(
        decided.map((d) => ({
          profile_id: d.profileId,
          view: d.state.view,
          told: d.state.told,
          retired_into: d.retiredInto,
          state_pending: d.messages.length > 0,
          clock: d.state.clock ?? null,
          next_due_at: d.state.nextDueAt ?? null,
        })),
      ),
    ],
  });
}

/** Into the decisions history and the outbox at once, in the order told; a message id already recorded is not recorded again. */
export async function queueMessages(client: PoolClient, decided: readonly DecidedProfile[]): Promise<void> {
  const rows = decided.flatMap((d) => d.messages.map((message) => ({ message_id: message.id, profile_id: d.profileId, body: message, accepted_at: d.acceptedAt.get(message.id) ?? null })));
  const ordered = rows.map((row, ord) => ({ ord, ...row }));
  if (rows.length === 0) return;
  await client.query({
    name: 'recommendation-queue-messages',
    text: `INSERT INTO recommendation_decisions (message_id, profile_id, body, accepted_at)
           SELECT r.message_id, r.profile_id, r.body, r.accepted_at
           FROM json_to_recordset($1::json) AS r(ord int, message_id text, profile_id uuid, body json, accepted_at bigint)
           ORDER BY r.ord
           ON CONFLICT (message_id) DO NOTHING`,
    values: [JSON.stringify(ordered)],
  });
}
