import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isIdentifierType } from '../domain/identifiers';
import { ProfileHistory, type ProfileHistoryView, type RefusalRecord } from '../domain/profile-history';
import { toMergeRecord, type MergeLogRow } from './postgres-identity-graph.repository';
import { identifierListSchema, identifierSchema } from './stored-identifiers';

interface RefusalRow {
  id: string;
  profile_id: string;
  refused_profile_id: string | null;
  reason: string;
  limit_type: string;
  max_per_profile: number;
  linked_by: unknown;
  identifiers: unknown;
  caused_by_message_id: string;
  refused_at: Date;
}

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
    const merges: MergeLogRow[] = await this.dataSource.query(
      `SELECT * FROM merge_log WHERE survivor_id = $1 OR merged_id = $1 ORDER BY merged_at, id`,
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
      merges: merges.map(toMergeRecord),
      refusals: refusals.map(toRefusalRecord),
    };
  }
}

function toRefusalRecord(row: RefusalRow): RefusalRecord {
  if (!isIdentifierType(row.limit_type)) throw new Error(`merge_refusals holds an unknown type ${row.limit_type}`);
  return {
    refusalId: row.id,
    profileId: row.profile_id,
    refusedProfileId: row.refused_profile_id,
    reason: row.reason,
    limitType: row.limit_type,
    maxPerProfile: row.max_per_profile,
    linkedBy: identifierSchema.parse(row.linked_by),
    identifiers: identifierListSchema.parse(row.identifiers),
    causedByMessageId: row.caused_by_message_id,
    refusedAt: row.refused_at,
  };
}
