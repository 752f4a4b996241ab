import type { JourneyState, JourneyView } from '@touchpoint/journey-model';
import type { PoolClient } from 'pg';
import type { LockedProfile, SettledProfile } from '../journey-record/fold-profile';
import type { ProfileRowCache } from './profile-row-cache';

/** Chains longer than this mean a cycle in the retired ids, which merges never make. */
const MAX_CHAIN = 64;

/** Each id's final survivor: itself when not retired. Follows chains (A into B, B into C) to the end. */
export async function finalSurvivors(client: PoolClient, profileIds: readonly string[]): Promise<Map<string, string>> {
  const finals = new Map(profileIds.map((id) => [id, id]));
  let frontier = [...new Set(profileIds)];
  for (let hop = 0; frontier.length > 0; hop++) {
    if (hop > MAX_CHAIN) throw new Error(`retired profile ids form a chain longer than ${MAX_CHAIN} from ${frontier.join(', ')}`);
    const { rows } = await client.query<{ profile_id: string; retired_into: string }>({
      name: 'journey-retired-of',
      text: 'SELECT profile_id, retired_into FROM journey_profiles WHERE profile_id = ANY($1::uuid[]) AND retired_into IS NOT NULL',
      values: [frontier],
    });
    if (rows.length === 0) break;
    const next = new Map(rows.map((row) => [row.profile_id, row.retired_into]));
    for (const [id, current] of finals) {
      const moved = next.get(current);
      if (moved) finals.set(id, moved);
    }
    frontier = [...new Set(rows.map((row) => row.retired_into))];
  }
  return finals;
}

interface ProfileRow {
  profile_id: string;
  retired_into: string | null;
  state: JourneyState | null;
  view: JourneyView | null;
  revision: string;
  next_due_at: string | null;
}

export interface LockedRow extends LockedProfile {
  readonly retiredInto: string | null;
}

/**
 * Creates missing rows and locks all of them, in id order so that two transactions locking
 * overlapping sets never wait for each other in a cycle. States and views come from `cache`
 * when it holds the locked revision; only the others are read (and parsed) from Postgres.
 */
export async function lockProfiles(client: PoolClient, profileIds: readonly string[], cache: ProfileRowCache): Promise<Map<string, LockedRow>> {
  const ids = [...new Set(profileIds)].sort();
  await client.query({
    name: 'journey-create-profiles',
    text: 'INSERT INTO journey_profiles (profile_id) SELECT unnest($1::uuid[]) ORDER BY 1 ON CONFLICT (profile_id) DO NOTHING',
    values: [ids],
  });
  const { rows } = await client.query<Omit<ProfileRow, 'state' | 'view'>>({
    name: 'journey-lock-profiles',
    text: 'SELECT profile_id, retired_into, revision, next_due_at FROM journey_profiles WHERE profile_id = ANY($1::uuid[]) ORDER BY profile_id FOR UPDATE',
    values: [ids],
  });
  const known = new Map(rows.map((row) => [row.profile_id, cache.get(row.profile_id, Number(row.revision))]));
  const missing = rows.filter((row) => !known.get(row.profile_id)).map((row) => row.profile_id);
  if (missing.length > 0) {
    const read = await client.query<Pick<ProfileRow, 'profile_id' | 'state' | 'view'>>({
      name: 'journey-read-locked',
      text: 'SELECT profile_id, state, view FROM journey_profiles WHERE profile_id = ANY($1::uuid[])',
      values: [missing],
    });
    for (const row of read.rows) known.set(row.profile_id, { revision: 0, state: row.state, view: row.view });
  }
  return new Map(
    rows.map((row) => {
      const held = known.get(row.profile_id);
      return [
        row.profile_id,
        {
          profileId: row.profile_id,
          retiredInto: row.retired_into,
          state: held?.state ?? null,
          view: held?.view ?? null,
          revision: Number(row.revision),
          nextDueAt: row.next_due_at === null ? null : Number(row.next_due_at),
        },
      ];
    }),
  );
}

export async function saveProfiles(client: PoolClient, settled: readonly SettledProfile[]): Promise<void> {
  if (settled.length === 0) return;
  await client.query({
    name: 'journey-save-profiles',
    text: `UPDATE journey_profiles AS p SET state = u.state, view = u.view, reducer_version = u.reducer_version,
             definitions_version = u.definitions_version, revision = u.revision, next_due_at = u.next_due_at, updated_at = now()
           FROM json_to_recordset($1::json)
             AS u(profile_id uuid, state json, view json, reducer_version int, definitions_version text, revision bigint, next_due_at bigint)
           WHERE p.profile_id = u.profile_id`,
    values: [
      JSON.stringify(
        settled.map((p) => ({
          profile_id: p.profileId,
          state: p.state,
          view: p.view,
          reducer_version: p.state.versions.reducer,
          definitions_version: p.state.versions.definitions,
          revision: p.revision,
          next_due_at: p.nextDueAt,
        })),
      ),
    ],
  });
}

/** Merged-away ids: no state of their own any more, a pointer to the survivor instead. */
export async function retireProfiles(client: PoolClient, profileIds: readonly string[], survivorProfileId: string, mergeId: string): Promise<void> {
  await client.query(
    `UPDATE journey_profiles SET retired_into = $2, retired_by = $3, state = NULL, view = NULL, next_due_at = NULL,
       revision = revision + 1, updated_at = now() WHERE profile_id = ANY($1::uuid[])`,
    [profileIds, survivorProfileId, mergeId],
  );
  // Ids retired into them earlier now point at the final survivor directly.
  await client.query('UPDATE journey_profiles SET retired_into = $2 WHERE retired_into = ANY($1::uuid[])', [profileIds, survivorProfileId]);
}

export async function dueProfiles(client: PoolClient, now: number, limit: number): Promise<{ profileId: string; dueAt: number }[]> {
  const { rows } = await client.query<{ profile_id: string; next_due_at: string }>({
    name: 'journey-due-profiles',
    text: 'SELECT profile_id, next_due_at FROM journey_profiles WHERE next_due_at <= $1 ORDER BY next_due_at LIMIT $2',
    values: [now, limit],
  });
  return rows.map((row) => ({ profileId: row.profile_id, dueAt: Number(row.next_due_at) }));
}
