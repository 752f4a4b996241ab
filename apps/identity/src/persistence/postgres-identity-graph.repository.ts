import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Identifier } from '@touchpoint/contracts';
import { DataSource, type QueryRunner } from 'typeorm';
import {
  IdentityGraph,
  type MergeRecord,
  type ProfileIdentifiers,
  type Resolution,
  type ResolveRequest,
} from '../domain/identity-graph';
import { ErasedIdentifierError } from '../domain/erasure-ledger';
import { identifierKey, isIdentifierType, sortIdentifiers } from '../domain/identifiers';
import { IDENTITY_RULES, type IdentityRules } from '../domain/identity-rules';
import { type KnownIdentifier, type LinkedProfile, planResolution, type RefusedMerge } from '../domain/resolution-plan';
import { IdentifierEntity } from './identifier.entity';
import { Coalescer } from './coalescer';
import { preparedQuery } from '@touchpoint/persistence';
import { erasedSince } from './postgres-erasure-ledger.repository';
import { blockedLinksAmong, pairKey, sharedIdentifiersOf } from './sharing-guards.sql';
import { ProfileEntity } from './profile.entity';

const MAX_ATTEMPTS = 10;

/** Postgres errors after which the whole transaction is simply tried again. */
const retriableCodes = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '23505', // unique_violation
  '55P03', // lock_not_available
]);

/** The graph moved under us between reading and locking; the next attempt sees the new state. */
class ConcurrentChange extends Error {}

interface IdentifierRow {
  type: string;
  value: string;
  profile_id: string;
}

interface ProfileRow {
  id: string;
  created_at: Date;
  merged_into: string | null;
}

export interface MergeLogRow {
  id: string;
  survivor_id: string;
  merged_id: string;
  reason: string;
  identifier_type: string;
  identifier_value: string;
  caused_by_message_id: string;
  merged_at: Date;
}

function pgCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const driverError = 'driverError' in error ? error.driverError : error;
  return typeof driverError === 'object' && driverError !== null && 'code' in driverError && typeof driverError.code === 'string'
    ? driverError.code
    : undefined;
}

const isRetriable = (error: unknown): boolean => error instanceof ConcurrentChange || retriableCodes.has(pgCode(error) ?? '');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function toIdentifier(type: string, value: string): Identifier {
  if (!isIdentifierType(type)) throw new Error(`identifiers table holds an unknown type ${type}`);
  return { type, value };
}

async function select<T>(runner: QueryRunner, sql: string, parameters: unknown[]): Promise<T[]> {
  const result = await runner.query(sql, parameters, true);
  return result.records;
}

const columns = (identifiers: readonly Identifier[]): [string[], string[]] => [identifiers.map((i) => i.type), identifiers.map((i) => i.value)];

/**
 * last_seen_at moves on the fast path only when it advances by more than this: a returning
 * customer's events then mostly write nothing, so commit no WAL. first_seen_at stays exact.
 */
const SEEN_GRANULARITY = '1 minute';

/** A merge that was undone is never announced again, not even by a redelivery of the event that made it. */
const NOT_UNMERGED = `NOT EXISTS (SELECT 1 FROM unmerges u WHERE u.merge_id = m.id)`;

const EVENT_IDENTIFIERS = `(type, value) IN (SELECT * FROM unnest($1::varchar[], $2::varchar[]))`;

/**
 * The identity graph in Postgres. One transaction per event, READ COMMITTED, with the
 * profile row as the lock that serializes every change to a profile's identifiers:
 *
 * 1. read where the event's identifiers point (no lock);
 * 2. lock those profiles, in id order so two resolvers never wait on each other in a circle;
 * 3. re-read the identifiers FOR UPDATE and check they still point only at locked, live profiles;
 * 4. plan (pure), then create / attach / merge; new identifiers go in with ON CONFLICT DO NOTHING
 *    and, if another resolver inserted one first, the transaction starts over.
 *
 * A change between 1 and 3 (a merge, a concurrent insert) aborts the attempt and the next
 * one reads the new state. Locking the profile, not only the identifier rows, is what makes a
 * merge see identifiers another transaction attaches to the merged profile at the same time.
 */
@Injectable()
export class PostgresIdentityGraphRepository extends IdentityGraph {
  private readonly logger = new Logger(PostgresIdentityGraphRepository.name);
  private readonly knownResolutions = new Coalescer<ResolveRequest, Resolution | null>((requests) => this.resolveKnownOrFallBack(requests));

  constructor(
    private readonly dataSource: DataSource,
    @Inject(IDENTITY_RULES) private readonly rules: IdentityRules,
  ) {
    super();
  }

  async resolve(request: ResolveRequest): Promise<Resolution> {
    const known = await this.resolveKnown(request);
    if (known) return known;
    for (let attempt = 1; ; attempt++) {
      const runner = this.dataSource.createQueryRunner();
      try {
        await runner.connect();
        await runner.startTransaction('READ COMMITTED');
        const resolution = await this.resolveOnce(runner, request);
        await runner.commitTransaction();
        return resolution;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        if (!isRetriable(error) || attempt >= MAX_ATTEMPTS) throw error;
        this.logger.debug(`resolve ${request.messageId}: attempt ${attempt} lost a race (${pgCode(error) ?? 'changed'}), retrying`);
        // Jitter, so two resolvers that collided do not collide again in lockstep.
        await sleep(Math.random() * 10 * attempt);
      } finally {
        await runner.release();
      }
    }
  }

  /**
   * The common case, without an explicit transaction: every identifier of the event is known and
   * all point at one profile. Then nothing is created, attached, merged or refused; only
   * first/last seen move (idempotent, so harmless if the slow path runs after). Identifiers only
   * ever point at live profiles (merges re-point them, erasure deletes them), so a profile found
   * here is live. Anything else (null) goes the locking way. Concurrent calls share one statement.
   */
  private resolveKnown(request: ResolveRequest): Promise<Resolution | null> {
    return this.knownResolutions.run(request);
  }

  /** Two batches moving the same identifiers' times can deadlock; the locking path then does it safely. */
  private async resolveKnownOrFallBack(requests: readonly ResolveRequest[]): Promise<(Resolution | null)[]> {
    try {
      return await this.resolveKnownBatch(requests);
    } catch (error) {
      if (!isRetriable(error)) throw error;
      this.logger.debug(`fast path of ${requests.length} event(s) lost a race (${pgCode(error) ?? 'changed'}), taking the locking path`);
      return requests.map(() => null);
    }
  }

  /** One round trip for many events: on this path socket writes and statements, not SQL work, are what a resolution costs. */
  private async resolveKnownBatch(requests: readonly ResolveRequest[]): Promise<(Resolution | null)[]> {
    const wanted = requests.flatMap((request, index) => request.identifiers.map((identifier) => ({ index, identifier })));
    const rows = await preparedQuery<IdentifierRow & { i: number; merges: (Omit<MergeLogRow, 'merged_at'> & { merged_at: string })[] }>(
      this.dataSource,
      'identity-resolve-known-v2',
      `WITH req AS (
         SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::int[], $4::varchar[]) AS r(i, seen_at, n, message_id)
       ), wanted AS (
         SELECT * FROM unnest($5::int[], $6::varchar[], $7::varchar[]) AS w(i, type, value)
       ), event AS (
         SELECT w.i, x.type, x.value, x.profile_id, x.first_seen_at, x.last_seen_at
         FROM wanted w JOIN identifiers x ON x.type = w.type AND x.value = w.value
       ), target AS (
         SELECT e.i, min(e.profile_id::text)::uuid AS id FROM event e JOIN req r ON r.i = e.i
         GROUP BY e.i, r.n HAVING count(*) = r.n AND count(DISTINCT e.profile_id) = 1
       ), seen AS (
         SELECT e.type, e.value, min(r.seen_at) AS first_at, max(r.seen_at) AS last_at, min(e.first_seen_at) AS was_first, max(e.last_seen_at) AS was_last
         FROM event e JOIN target t ON t.i = e.i JOIN req r ON r.i = e.i GROUP BY e.type, e.value
       ), touched AS (
         UPDATE identifiers x SET first_seen_at = LEAST(x.first_seen_at, s.first_at), last_seen_at = GREATEST(x.last_seen_at, s.last_at)
         FROM seen s WHERE x.type = s.type AND x.value = s.value
           AND (s.was_first > s.first_at OR s.was_last < s.last_at - interval '${SEEN_GRANULARITY}')
       )
       SELECT t.i, x.type, x.value, x.profile_id,
              (SELECT coalesce(json_agg(m ORDER BY m.merged_id), '[]') FROM merge_log m WHERE m.caused_by_message_id = r.message_id AND ${NOT_UNMERGED}) AS merges
       FROM target t JOIN req r ON r.i = t.i JOIN identifiers x ON x.profile_id = t.id`,
      [
        requests.map((_, index) => index),
        requests.map((request) => request.seenAt),
        requests.map((request) => request.identifiers.length),
        requests.map((request) => request.messageId),
        wanted.map((entry) => entry.index),
        wanted.map((entry) => entry.identifier.type),
        wanted.map((entry) => entry.identifier.value),
      ],
    );
    const byRequest = new Map<number, typeof rows>();
    for (const row of rows) byRequest.set(row.i, [...(byRequest.get(row.i) ?? []), row]);
    return requests.map((_, index) => {
      const found = byRequest.get(index);
      if (!found) return null;
      return {
        profileId: found[0].profile_id,
        identifiers: sortIdentifiers(found.map((row) => toIdentifier(row.type, row.value))),
        // A redelivery of an event that merged must announce its merges again.
        merges: found[0].merges.map((row) => toMergeRecord({ ...row, merged_at: new Date(row.merged_at) })),
        refused: [],
        // Nothing moved: cache entries, where present, are still right; lookups fill the rest.
        assignments: [],
        moved: [],
      };
    });
  }

  private async resolveOnce(runner: QueryRunner, request: ResolveRequest): Promise<Resolution> {
    const { messageId, identifiers, seenAt } = request;
    const [types, values] = columns(identifiers);

    const firstRead = await select<IdentifierRow>(runner, `SELECT type, value, profile_id FROM identifiers WHERE ${EVENT_IDENTIFIERS}`, [types, values]);
    const profileIds = [...new Set(firstRead.map((row) => row.profile_id))];
    const profiles = profileIds.length
      ? await select<ProfileRow>(runner, `SELECT id, created_at, merged_into FROM profiles WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [profileIds])
      : [];
    if (profiles.length !== profileIds.length || profiles.some((profile) => profile.merged_into !== null)) throw new ConcurrentChange();

    const knownRows = await select<IdentifierRow>(
      runner,
      `SELECT type, value, profile_id FROM identifiers WHERE ${EVENT_IDENTIFIERS} ORDER BY type, value FOR UPDATE`,
      [types, values],
    );
    const locked = new Set(profileIds);
    const linkedIds = new Set(knownRows.map((row) => row.profile_id));
    if (linkedIds.size !== locked.size || [...linkedIds].some((id) => !locked.has(id))) throw new ConcurrentChange();
    const known: KnownIdentifier[] = knownRows.map((row) => ({ identifier: toIdentifier(row.type, row.value), profileId: row.profile_id }));
    // An erasure that committed since the caller consulted the ledger: its profile lock was
    // released before we locked, so its ledger rows are visible now.
    const erased = await erasedSince(runner.manager, request.erasureKeys, request.receivedAt);
    if (erased) throw new ErasedIdentifierError(erased);

    const limitedTypes = [...this.rules.maxPerProfile.keys()];
    const limitedRows =
      profileIds.length && limitedTypes.length
        ? await select<IdentifierRow>(
            runner,
            `SELECT type, value, profile_id FROM identifiers WHERE profile_id = ANY($1::uuid[]) AND type = ANY($2::varchar[])`,
            [profileIds, limitedTypes],
          )
        : [];
    const linked: LinkedProfile[] = profiles.map((profile) => ({
      id: profile.id,
      createdAt: profile.created_at,
      limited: limitedRows.filter((row) => row.profile_id === profile.id).map((row) => toIdentifier(row.type, row.value)),
    }));

    const owners = new Map(known.map((entry) => [identifierKey(entry.identifier), entry.profileId]));
    const shared = await sharedIdentifiersOf(runner, this.rules.sharing, request, owners);
    const blocked = await blockedLinksAmong(runner, profileIds);
    const plan = planResolution(identifiers, known, linked, this.rules, {
      shared,
      blocked: (a, b) => blocked.pairs.has(pairKey(a, b)),
      blockedLinkers: blocked.linkers,
    });
    const profileId = plan.target ?? (await this.createProfile(runner));

    let moved: Identifier[] = [];
    if (plan.merge.length > 0) {
      const mergedIds = plan.merge.map((merge) => merge.profileId);
      // What an unmerge gives back: every identifier each merged profile brings, under that merge's id.
      await runner.query(
        `INSERT INTO merge_log (id, survivor_id, merged_id, reason, identifier_type, identifier_value, caused_by_message_id, merged_at)
         SELECT u.*, now() FROM unnest($1::varchar[], $2::uuid[], $3::uuid[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[]) AS u
         ON CONFLICT DO NOTHING`,
        [
          plan.merge.map((merge) => mergeIdOf(messageId, merge.profileId)),
          plan.merge.map(() => profileId),
          mergedIds,
          plan.merge.map((merge) => merge.linkedBy.type),
          plan.merge.map((merge) => merge.linkedBy.type),
          plan.merge.map((merge) => merge.linkedBy.value),
          plan.merge.map(() => messageId),
        ],
      );
      await runner.query(
        `INSERT INTO merge_moves (merge_id, type, value)
         SELECT 'merge:' || $1 || ':' || profile_id, type, value FROM identifiers WHERE profile_id = ANY($2::uuid[]) ON CONFLICT DO NOTHING`,
        [messageId, mergedIds],
      );
      const movedRows = await select<IdentifierRow>(
        runner,
        `UPDATE identifiers SET profile_id = $1 WHERE profile_id = ANY($2::uuid[]) RETURNING type, value, profile_id`,
        [profileId, mergedIds],
      );
      moved = movedRows.map((row) => toIdentifier(row.type, row.value));
      // Profiles merged earlier into one now merged away point straight at the survivor.
      await runner.query(`UPDATE profiles SET merged_into = $1 WHERE id = ANY($2::uuid[]) OR merged_into = ANY($2::uuid[])`, [profileId, mergedIds]);
    }

    if (plan.attach.length > 0) {
      const attach = sortIdentifiers(plan.attach);
      const [attachTypes, attachValues] = columns(attach);
      const inserted = await select<IdentifierRow>(
        runner,
        `INSERT INTO identifiers (type, value, profile_id, first_seen_at, last_seen_at)
         SELECT t, v, $3, $4, $4 FROM unnest($1::varchar[], $2::varchar[]) AS u(t, v) ORDER BY t, v
         ON CONFLICT DO NOTHING RETURNING type, value, profile_id`,
        [attachTypes, attachValues, profileId, seenAt],
      );
      // Someone inserted one of them since we looked: start over and see theirs.
      if (inserted.length !== attach.length) throw new ConcurrentChange();
    }

    if (known.length > 0) {
      await runner.query(
        `UPDATE identifiers SET first_seen_at = LEAST(first_seen_at, $3), last_seen_at = GREATEST(last_seen_at, $3) WHERE ${EVENT_IDENTIFIERS}`,
        [types, values, seenAt],
      );
    }

    const profileRows = await select<IdentifierRow>(
      runner,
      `SELECT type, value, profile_id FROM identifiers WHERE profile_id = $1`,
      [profileId],
    );
    const mergeRows = await select<MergeLogRow>(runner, `SELECT * FROM merge_log m WHERE caused_by_message_id = $1 AND ${NOT_UNMERGED} ORDER BY merged_id`, [messageId]);
    await this.recordRefusals(runner, messageId, profileId, plan.refused);

    const refusedOwner = new Map(known.map((entry) => [identifierKey(entry.identifier), entry.profileId]));
    const refusedIds = new Set(plan.refused.flatMap((refused) => refused.profileId ?? []));
    const notAttached = new Set(plan.refused.flatMap((refused) => (refused.profileId === null ? [identifierKey(refused.linkedBy)] : [])));
    return {
      profileId,
      identifiers: sortIdentifiers(profileRows.map((row) => toIdentifier(row.type, row.value))),
      merges: mergeRows.map(toMergeRecord),
      refused: plan.refused,
      assignments: identifiers.filter((identifier) => !notAttached.has(identifierKey(identifier))).map((identifier) => {
        const owner = refusedOwner.get(identifierKey(identifier));
        return { identifier, profileId: owner !== undefined && refusedIds.has(owner) ? owner : profileId };
      }),
      moved,
    };
  }

  /** Redelivery records nothing twice: the id derives from the message and what was refused. */
  private async recordRefusals(runner: QueryRunner, messageId: string, profileId: string, refused: readonly RefusedMerge[]): Promise<void> {
    for (const refusal of refused) {
      await runner.query(
        `INSERT INTO merge_refusals (id, profile_id, refused_profile_id, reason, limit_type, max_per_profile, linked_by, identifiers, caused_by_message_id, refused_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now()) ON CONFLICT DO NOTHING`,
        [
          refusalIdOf(messageId, refusal),
          profileId,
          refusal.profileId,
          refusal.reason,
          refusal.limitType,
          refusal.max,
          JSON.stringify(refusal.linkedBy),
          JSON.stringify(refusal.conflicting),
          messageId,
        ],
      );
    }
  }

  private async createProfile(runner: QueryRunner): Promise<string> {
    const id = randomUUID();
    await runner.manager.insert(ProfileEntity, { id, mergedInto: null });
    return id;
  }

  async findProfileId(identifier: Identifier): Promise<string | null> {
    const row = await this.dataSource.getRepository(IdentifierEntity).findOneBy({ type: identifier.type, value: identifier.value });
    return row?.profileId ?? null;
  }

  async identifiersOf(profileId: string): Promise<ProfileIdentifiers | null> {
    const profile = await this.dataSource.getRepository(ProfileEntity).findOneBy({ id: profileId });
    // An erased profile is gone as far as callers are concerned; the audit keeps the rest.
    if (!profile || profile.deletedAt !== null) return null;
    if (profile.mergedInto !== null) return { status: 'merged', profileId, mergedInto: profile.mergedInto };
    const rows = await this.dataSource.getRepository(IdentifierEntity).findBy({ profileId });
    return { status: 'active', profileId, identifiers: sortIdentifiers(rows.map((row) => toIdentifier(row.type, row.value))) };
  }
}

export function refusalIdOf(messageId: string, refusal: RefusedMerge): string {
  return `refusal:${messageId}:${refusal.profileId ?? identifierKey(refusal.linkedBy)}`;
}

export function mergeIdOf(messageId: string, mergedProfileId: string): string {
  return `merge:${messageId}:${mergedProfileId}`;
}

export function toMergeRecord(row: MergeLogRow): MergeRecord {
  const linkedBy = toIdentifier(row.identifier_type, row.identifier_value);
  if (!isIdentifierType(row.reason)) throw new Error(`merge_log holds an unknown reason ${row.reason}`);
  return {
    mergeId: row.id,
    survivorProfileId: row.survivor_id,
    mergedProfileId: row.merged_id,
    reason: row.reason,
    linkedBy,
    mergedAt: row.merged_at,
    causedByMessageId: row.caused_by_message_id,
  };
}
