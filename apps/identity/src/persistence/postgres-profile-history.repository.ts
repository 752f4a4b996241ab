import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isIdentifierType } from '../domain/identifiers';
import {
  type BlockedLinkRecord,
  ProfileHistory,
  type ProfileHistoryView,
  type RefusalRecord,
  type RefusalsQuery,
  type RefusalsView,
  type SharedIdentifierRecord,
} from '../domain/profile-history';
import { toMergeRecord, type MergeLogRow } from './postgres-identity-graph.repository';
import { identifierListSchema, identifierSchema } from './stored-identifiers';
import { toUnmergeRecord, type UnmergeRow } from './unmerge-rows';

interface RefusalRow {
  id: string;
  profile_id: string;
  refused_profile_id: string | null;
  reason: string;
  limit_type: string | null;
  max_per_profile: number | null;
  linked_by: unknown;
  identifiers: unknown;
  caused_by_message_id: string;
  refused_at: Date;
}

interface BlockedLinkRow {
  unmerge_id: string;
  profile_a: string;
  profile_b: string;
  linked_by: unknown;
  blocked_at: Date;
}

interface SharedRow {
  type: string;
  value: string;
  guard: string;
  counted_type: string;
  distinct_count: number;
  max_allowed: number;
  caused_by_message_id: string;
  marked_at: Date;
}

/** Shared identifiers listed at most; a real installation has few, a runaway guard should not flood the answer. */
const SHARED_LISTED = 1_000;

@Injectable()
export class PostgresProfileHistoryRepository extends ProfileHistory {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async historyOf(profileId: string): Promise<ProfileHistoryView | null> {
    const profiles: { merged_into: string | null; deleted_at: Date | null }[] = await this.dataSource.query(
      `SELECT merged_into, deleted_at FROM profiles WHERE id = $1`,
      [profileId],
    );
    const profile = profiles[0];
    if (!profile) return null;
    const merges: (MergeLogRow & { unmerge_id: string | null })[] = await this.dataSource.query(
      `SELECT m.*, u.id AS unmerge_id FROM merge_log m LEFT JOIN unmerges u ON u.merge_id = m.id
       WHERE m.survivor_id = $1 OR m.merged_id = $1 ORDER BY m.merged_at, m.id`,
      [profileId],
    );
    const unmerges: UnmergeRow[] = await this.dataSource.query(
      `SELECT * FROM unmerges WHERE survivor_id = $1 OR restored_id = $1 ORDER BY unmerged_at, id`,
      [profileId],
    );
    const blocked: BlockedLinkRow[] = await this.dataSource.query(
      `SELECT * FROM blocked_links WHERE profile_a = $1 OR profile_b = $1 ORDER BY blocked_at, unmerge_id`,
      [profileId],
    );
    const refusals: RefusalRow[] = await this.dataSource.query(
      `SELECT * FROM merge_refusals WHERE profile_id = $1 OR refused_profile_id = $1 ORDER BY refused_at, id`,
      [profileId],
    );
    return {
      profileId,
      status: profile.deleted_at ? 'deleted' : profile.merged_into ? 'merged' : 'active',
      mergedInto: profile.merged_into,
      merges: merges.map((row) => ({ ...toMergeRecord(row), unmergeId: row.unmerge_id })),
      unmerges: unmerges.map(toUnmergeRecord),
      blockedLinks: blocked.map(toBlockedLinkRecord),
      refusals: refusals.map(toRefusalRecord),
    };
  }

  async refusals(query: RefusalsQuery): Promise<RefusalsView> {
    const refusals: RefusalRow[] = await this.dataSource.query(
      `SELECT * FROM merge_refusals WHERE ($1::varchar IS NULL OR reason = $1) AND ($2::timestamptz IS NULL OR refused_at < $2)
       ORDER BY refused_at DESC, id DESC LIMIT $3`,
      [query.reason, query.before, query.limit],
    );
    const shared: SharedRow[] = await this.dataSource.query(`SELECT * FROM shared_identifiers ORDER BY marked_at DESC, type, value LIMIT $1`, [SHARED_LISTED]);
    return { refusals: refusals.map(toRefusalRecord), sharedIdentifiers: shared.map(toSharedRecord) };
  }
}

function toRefusalRecord(row: RefusalRow): RefusalRecord {
  const limitType = row.limit_type;
  if (limitType !== null && !isIdentifierType(limitType)) throw new Error(`merge_refusals holds an unknown type ${limitType}`);
  return {
    refusalId: row.id,
    profileId: row.profile_id,
    refusedProfileId: row.refused_profile_id,
    reason: row.reason,
    limitType,
    maxPerProfile: row.max_per_profile,
    linkedBy: identifierSchema.parse(row.linked_by),
    identifiers: identifierListSchema.parse(row.identifiers),
    causedByMessageId: row.caused_by_message_id,
    refusedAt: row.refused_at,
  };
}

function toBlockedLinkRecord(row: BlockedLinkRow): BlockedLinkRecord {
  return { unmergeId: row.unmerge_id, profileIds: [row.profile_a, row.profile_b], linkedBy: identifierSchema.parse(row.linked_by), blockedAt: row.blocked_at };
}

function toSharedRecord(row: SharedRow): SharedIdentifierRecord {
  const identifier = identifierSchema.parse({ type: row.type, value: row.value });
  if (!isIdentifierType(row.counted_type)) throw new Error(`shared_identifiers holds an unknown type ${row.counted_type}`);
  return {
    identifier,
    guard: row.guard,
    countedType: row.counted_type,
    distinctCount: row.distinct_count,
    maxAllowed: row.max_allowed,
    causedByMessageId: row.caused_by_message_id,
    markedAt: row.marked_at,
  };
}
