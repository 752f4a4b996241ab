import type { PoolClient } from 'pg';
import type { UnmergeRouteView as UnmergeRoute } from '../unmerge-profiles/route-after-unmerge';

export interface EntriesToRestore extends UnmergeRoute {
  /** The restored profile and those merged into it before: entries that arrived under them go back. */
  readonly restoredSide: readonly string[];
}

/** The messageIds in the survivor's log that belong to the restored side. */
export async function entriesToRestore(client: PoolClient, query: EntriesToRestore): Promise<string[]> {
  const { rows } = await client.query<{ message_id: string }>(
    `SELECT message_id FROM journey_entries WHERE profile_id = $1 AND (
       CASE WHEN message_id = $4 THEN $5::boolean
            ELSE origin_profile_id = ANY($2::uuid[]) OR origin_identifier = ANY($3::text[]) END)
     ORDER BY message_id`,
    [query.survivorProfileId, query.restoredSide, query.originKeys, query.causedByMessageId, query.causedByRestored],
  );
  return rows.map((row) => row.message_id);
}

/** Moves these entries of one log to another, keeping the preferred copy where both hold a message. */
export async function moveSelectedEntries(client: PoolClient, fromProfileId: string, toProfileId: string, messageIds: readonly string[]): Promise<void> {
  if (messageIds.length === 0) return;
  await client.query(
    `INSERT INTO journey_entries AS e (profile_id, message_id, at, content_hash, kind, origin_profile_id, origin_identifier, entry)
       SELECT $2::uuid, message_id, at, content_hash, kind, origin_profile_id, origin_identifier, entry
       FROM journey_entries WHERE profile_id = $1 AND message_id = ANY($3::text[])
     ON CONFLICT (profile_id, message_id) DO UPDATE SET at = EXCLUDED.at, content_hash = EXCLUDED.content_hash, kind = EXCLUDED.kind,
       origin_profile_id = EXCLUDED.origin_profile_id, origin_identifier = EXCLUDED.origin_identifier, entry = EXCLUDED.entry
     WHERE (EXCLUDED.at, EXCLUDED.content_hash COLLATE "C") < (e.at, e.content_hash COLLATE "C")`,
    [fromProfileId, toProfileId, messageIds],
  );
  await client.query('DELETE FROM journey_entries WHERE profile_id = $1 AND message_id = ANY($2::text[])', [fromProfileId, messageIds]);
}

/** The restored profile lives again; the profiles merged into it before point at it again. */
export async function unretireProfiles(client: PoolClient, restoredProfileId: string, restoredMergedIds: readonly string[], survivorProfileId: string): Promise<void> {
  await client.query(`UPDATE journey_profiles SET retired_into = NULL, retired_by = NULL, updated_at = now() WHERE profile_id = $1`, [restoredProfileId]);
  if (restoredMergedIds.length === 0) return;
  await client.query(`UPDATE journey_profiles SET retired_into = $1, updated_at = now() WHERE profile_id = ANY($2::uuid[]) AND retired_into = $3`, [
    restoredProfileId,
    restoredMergedIds,
    survivorProfileId,
  ]);
}

export async function unmergeApplied(client: PoolClient, unmergeId: string, mergeId: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM journey_unmerges WHERE unmerge_id = $1 OR merge_id = $2', [unmergeId, mergeId]);
  return (rowCount ?? 0) > 0;
}

export async function mergeUndone(client: PoolClient, mergeId: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM journey_unmerges WHERE merge_id = $1', [mergeId]);
  return (rowCount ?? 0) > 0;
}


export async function recordUnmerge(
  client: PoolClient,
  row: UnmergeRoute & { readonly unmergeId: string; readonly mergeId: string; readonly movedMessageIds: readonly string[] },
): Promise<void> {
  await client.query(
    `INSERT INTO journey_unmerges (unmerge_id, merge_id, survivor_profile_id, restored_profile_id, moved_message_ids, caused_by_message_id, caused_by_restored, origin_keys)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8::text[])`,
    [row.unmergeId, row.mergeId, row.survivorProfileId, row.restoredProfileId, row.movedMessageIds, row.causedByMessageId, row.causedByRestored, row.originKeys],
  );
}

/** The unmerges whose survivor is one of these profiles: the hot path asks once per batch, and the table holds a row per undone merge. */
export async function unmergeRoutes(client: PoolClient, survivorProfileIds: readonly string[]): Promise<UnmergeRoute[]> {
  const { rows } = await client.query<{ survivor_profile_id: string; restored_profile_id: string; caused_by_message_id: string; caused_by_restored: boolean; origin_keys: string[] }>({
    name: 'journey-unmerge-routes',
    text: `SELECT survivor_profile_id, restored_profile_id, caused_by_message_id, caused_by_restored, origin_keys FROM journey_unmerges
           WHERE survivor_profile_id = ANY($1::uuid[])`,
    values: [[...new Set(survivorProfileIds)]],
  });
  return rows.map((row) => ({
    survivorProfileId: row.survivor_profile_id,
    restoredProfileId: row.restored_profile_id,
    causedByMessageId: row.caused_by_message_id,
    causedByRestored: row.caused_by_restored,
    originKeys: row.origin_keys,
  }));
}
