import type { Identifier } from '@touchpoint/contracts';
import type { QueryRunner } from 'typeorm';
import { identifierKey, isIdentifierType } from '../domain/identifiers';
import { identifierSchema } from './stored-identifiers';
import { overflowOf, type SharingGuard, sightingsOf } from '../domain/sharing-guards';

interface Row {
  type: string;
  value: string;
}

const query = async <T>(runner: QueryRunner, sql: string, parameters: unknown[]): Promise<T[]> => (await runner.query(sql, parameters, true)).records;

/**
 * Runs the sharing guards for one event inside its resolution transaction and returns the keys
 * of the event's identifiers that are shared (marked earlier, or by this event). The event's
 * profiles are locked by then, so two events showing the same device or card new accounts at
 * once count one after the other. Only the locking path comes here: an event whose identifiers
 * all point at one profile links nothing new, so it cannot show a device or card a new account.
 */
export async function sharedIdentifiersOf(
  runner: QueryRunner,
  guards: readonly SharingGuard[],
  event: { readonly messageId: string; readonly identifiers: readonly Identifier[]; readonly seenAt: Date },
  owners: ReadonlyMap<string, string>,
): Promise<Set<string>> {
  const watchedTypes = [...new Set(guards.flatMap((guard) => guard.watched))];
  const watched = event.identifiers.filter((identifier) => watchedTypes.includes(identifier.type));
  if (watched.length === 0) return new Set();

  const ownerIds = [...new Set(watched.flatMap((identifier) => owners.get(identifierKey(identifier)) ?? []))];
  const countedTypes = [...new Set(guards.flatMap((guard) => guard.counted))];
  const onProfiles = ownerIds.length
    ? await query<Row & { profile_id: string }>(
        runner,
        `SELECT type, value, profile_id FROM identifiers WHERE profile_id = ANY($1::uuid[]) AND type = ANY($2::varchar[])`,
        [ownerIds, countedTypes],
      )
    : [];
  const sightings = sightingsOf(guards, event.identifiers, (identifier) => {
    const owner = owners.get(identifierKey(identifier));
    return onProfiles.flatMap((row) => (row.profile_id === owner && isIdentifierType(row.type) ? [{ type: row.type, value: row.value }] : []));
  });

  const pairs = sightings.flatMap((sighting) => sighting.seenWith.map((other) => [sighting.watched, other] as const));
  if (pairs.length > 0) {
    await runner.query(
      `INSERT INTO identifier_pairings AS p (type, value, other_type, other_value, seen_at)
       SELECT DISTINCT ON (t, v, ot, ov) t, v, ot, ov, $5::timestamptz FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[]) AS u(t, v, ot, ov)
       ORDER BY t, v, ot, ov
       ON CONFLICT (type, value, other_type, other_value) DO UPDATE SET seen_at = GREATEST(p.seen_at, EXCLUDED.seen_at)`,
      [pairs.map(([w]) => w.type), pairs.map(([w]) => w.value), pairs.map(([, o]) => o.type), pairs.map(([, o]) => o.value), event.seenAt],
    );
  }

  for (const sighting of sightings) {
    const { guard, watched: identifier } = sighting;
    const counts = await query<{ other_type: string; n: number }>(
      runner,
      `SELECT other_type, count(*)::int AS n FROM identifier_pairings
       WHERE type = $1 AND value = $2 AND other_type = ANY($3::varchar[]) AND seen_at > $4::timestamptz - $5 * interval '1 millisecond'
       GROUP BY other_type`,
      [identifier.type, identifier.value, guard.counted, event.seenAt, guard.windowMs],
    );
    const overflow = overflowOf(guard, new Map(counts.flatMap((row) => (isIdentifierType(row.other_type) ? [[row.other_type, row.n] as const] : []))));
    if (!overflow) continue;
    await runner.query(
      `INSERT INTO shared_identifiers (type, value, guard, counted_type, distinct_count, max_allowed, caused_by_message_id, marked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now()) ON CONFLICT DO NOTHING`,
      [identifier.type, identifier.value, guard.name, overflow.type, overflow.count, guard.max, event.messageId],
    );
  }

  const shared = await query<Row>(
    runner,
    `SELECT type, value FROM shared_identifiers WHERE (type, value) IN (SELECT * FROM unnest($1::varchar[], $2::varchar[]))`,
    [watched.map((identifier) => identifier.type), watched.map((identifier) => identifier.value)],
  );
  return new Set(shared.map((row) => `${row.type}:${row.value}`));
}

/**
 * Links among the given live profiles that unmerges block, with the identifier that had made
 * each. A blocked profile merged into another since is represented by that survivor
 * (merged_into always names the final one).
 */
export async function blockedLinksAmong(runner: QueryRunner, profileIds: readonly string[]): Promise<{ pairs: Set<string>; linkers: Set<string> }> {
  if (profileIds.length < 2) return { pairs: new Set(), linkers: new Set() };
  const rows = await query<{ a: string; b: string; linked_by: unknown }>(
    runner,
    `WITH live AS (
       SELECT id, coalesce(merged_into, id) AS live_id FROM profiles WHERE id = ANY($1::uuid[]) OR merged_into = ANY($1::uuid[])
     )
     SELECT la.live_id AS a, lb.live_id AS b, l.linked_by FROM blocked_links l
     JOIN live la ON la.id = l.profile_a JOIN live lb ON lb.id = l.profile_b
     WHERE la.live_id <> lb.live_id`,
    [profileIds],
  );
  return {
    pairs: new Set(rows.map((row) => pairKey(row.a, row.b))),
    linkers: new Set(rows.map((row) => identifierKey(identifierSchema.parse(row.linked_by)))),
  };
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
