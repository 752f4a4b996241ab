import { z } from 'zod';
import type { UnmergeRecord } from '../domain/profile-history';
import { identifierListSchema, identifierSchema } from './stored-identifiers';

export interface UnmergeRow {
  id: string;
  merge_id: string;
  survivor_id: string;
  restored_id: string;
  restored_merged_ids: string[];
  identifiers: unknown;
  linked_by: unknown;
  caused_by_message_id: string;
  caused_by_profile_id: string;
  requested_by: string;
  unmerged_at: Date;
}

export function toUnmergeRecord(row: UnmergeRow): UnmergeRecord {
  return {
    unmergeId: row.id,
    mergeId: row.merge_id,
    survivorProfileId: row.survivor_id,
    restoredProfileId: row.restored_id,
    restoredMergedProfileIds: z.array(z.string()).parse(row.restored_merged_ids),
    restoredIdentifiers: identifierListSchema.parse(row.identifiers),
    linkedBy: identifierSchema.parse(row.linked_by),
    causedByMessageId: row.caused_by_message_id,
    causedByProfileId: row.caused_by_profile_id,
    requestedBy: row.requested_by,
    unmergedAt: row.unmerged_at,
  };
}
