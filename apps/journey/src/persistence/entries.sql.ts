import type { JourneyEntry } from '@touchpoint/journey-model';
import type { PoolClient } from 'pg';

export interface EntryRow {
  readonly profileId: string;
  readonly entry: JourneyEntry;
}

export interface AcceptedEntry {
  readonly profileId: string;
  readonly messageId: string;
  /** false: an earlier copy of the message replaced the one stored, so the profile must be re-folded. */
  readonly inserted: boolean;
}

/**
 * The copy rule of the log in one place: of two copies of a messageId the earlier corrected
 * time wins, ties go to the smaller content hash (compared bytewise, as the reducer does).
 * Returns the entries that were inserted or replaced a stored copy; the rest changed nothing.
 */
export async function insertEntries(client: PoolClient, rows: readonly EntryRow[]): Promise<AcceptedEntry[]> {
  if (rows.length === 0) return [];
  const { rows: accepted } = await client.query<{ profile_id: string; message_id: string; inserted: boolean }>({
    name: 'journey-insert-entries',
    // One JSON document for the whole batch: Postgres parses it once, where array parameters
    // would be escaped element by element on the way out.
    text: `INSERT INTO journey_entries AS e (profile_id, message_id, at, content_hash, kind, origin_profile_id, origin_identifier, entry)
           SELECT r.profile_id, r.message_id, r.at, r.content_hash, r.kind, r.origin_profile_id, r.origin_identifier, r.entry
           FROM json_to_recordset($1::json) AS r(profile_id uuid, message_id text, at bigint, content_hash text, kind text, origin_profile_id uuid, origin_identifier text, entry json)
           ON CONFLICT (profile_id, message_id) DO UPDATE SET at = EXCLUDED.at, content_hash = EXCLUDED.content_hash, kind = EXCLUDED.kind,
             origin_profile_id = EXCLUDED.origin_profile_id, origin_identifier = EXCLUDED.origin_identifier, entry = EXCLUDED.entry
           WHERE (EXCLUDED.at, EXCLUDED.content_hash COLLATE "C") < (e.at, e.content_hash COLLATE "C")
           RETURNING profile_id, message_id, (xmax = 0) AS inserted`,
    values: [
      JSON.stringify(
        rows.map(({ profileId, entry }) => ({
          profile_id: profileId,
          message_id: entry.messageId,
          at: entry.at,
          content_hash: entry.kind === 'event' ? entry.contentHash : '',
          kind: entry.kind,
          origin_profile_id: entry.kind === 'event' ? entry.origin.profileId : null,
          origin_identifier: entry.kind === 'event' ? entry.origin.identifier : null,
          entry,
        })),
      ),
    ],
  });
  return accepted.map((row) => ({ profileId: row.profile_id, messageId: row.message_id, inserted: row.inserted }));
}

/** The whole log of each profile, in journey order. */
export async function readLogs(client: PoolClient, profileIds: readonly string[]): Promise<Map<string, JourneyEntry[]>> {
  const logs = new Map<string, JourneyEntry[]>(profileIds.map((id) => [id, []]));
  if (profileIds.length === 0) return logs;
  const { rows } = await client.query<{ profile_id: string; entry: JourneyEntry }>({
    name: 'journey-read-logs',
    text: 'SELECT profile_id, entry FROM journey_entries WHERE profile_id = ANY($1::uuid[]) ORDER BY profile_id, at, message_id COLLATE "C"',
    values: [[...profileIds]],
  });
  for (const row of rows) logs.get(row.profile_id)?.push(row.entry);
  return logs;
}

/** Moves the merged profiles' logs into the survivor's, keeping the preferred copy where both hold a message. */
export async function moveEntries(client: PoolClient, fromProfileIds: readonly string[], toProfileId: string): Promise<void> {
  await client.query(
    `INSERT INTO journey_entries AS e (profile_id, message_id, at, content_hash, kind, origin_profile_id, origin_identifier, entry)
       SELECT DISTINCT ON (message_id) $2::uuid, message_id, at, content_hash, kind, origin_profile_id, origin_identifier, entry
       FROM journey_entries WHERE profile_id = ANY($1::uuid[])
       ORDER BY message_id, at, content_hash COLLATE "C"
     ON CONFLICT (profile_id, message_id) DO UPDATE SET at = EXCLUDED.at, content_hash = EXCLUDED.content_hash, kind = EXCLUDED.kind,
       origin_profile_id = EXCLUDED.origin_profile_id, origin_identifier = EXCLUDED.origin_identifier, entry = EXCLUDED.entry
     WHERE (EXCLUDED.at, EXCLUDED.content_hash COLLATE "C") < (e.at, e.content_hash COLLATE "C")`,
    [fromProfileIds, toProfileId],
  );
  await client.query('DELETE FROM journey_entries WHERE profile_id = ANY($1::uuid[])', [fromProfileIds]);
}
