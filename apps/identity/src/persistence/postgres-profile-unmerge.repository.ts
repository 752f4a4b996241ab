import { Injectable } from '@nestjs/common';
import type { Identifier } from '@touchpoint/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { isIdentifierType, sortIdentifiers } from '../domain/identifiers';
import { causedByProfileOf, ProfileUnmerge, type UnmergeOutcome, unmergeIdOf } from '../domain/profile-unmerge';
import { toMergeRecord, type MergeLogRow } from './postgres-identity-graph.repository';
import { toUnmergeRecord, type UnmergeRow } from './unmerge-rows';

interface ProfileRow {
  id: string;
  merged_into: string | null;
  deleted_at: Date | null;
}

const identifiersOf = (rows: readonly { type: string; value: string }[]): Identifier[] =>
  rows.flatMap((row) => (isIdentifierType(row.type) ? [{ type: row.type, value: row.value }] : []));

/**
 * Locks the two profile rows (in id order, as resolution does): a resolver that read
 * identifiers of the survivor before the unmerge finds them moved when it re-reads them under
 * the lock, and starts over. Only identifiers the merge moved and that still sit on the
 * survivor go back; identifiers that joined the survivor after the merge stay with it.
 */
@Injectable()
export class PostgresProfileUnmergeRepository extends ProfileUnmerge {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  unmerge(profileId: string, mergeId: string, requestedBy: string): Promise<UnmergeOutcome> {
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const merges: MergeLogRow[] = await manager.query(`SELECT * FROM merge_log WHERE id = $1 AND (survivor_id = $2 OR merged_id = $2)`, [mergeId, profileId]);
      const row = merges[0];
      if (!row) return { status: 'not_found' };
      const merge = toMergeRecord(row);
      const survivorId = merge.survivorProfileId;
      const restoredId = merge.mergedProfileId;

      const profiles: ProfileRow[] = await manager.query(`SELECT id, merged_into, deleted_at FROM profiles WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [
        [survivorId, restoredId],
      ]);
      const done: UnmergeRow[] = await manager.query(`SELECT * FROM unmerges WHERE merge_id = $1`, [mergeId]);
      if (done[0]) return { status: 'unmerged', unmerge: toUnmergeRecord(done[0]) };

      const survivor = profiles.find((profile) => profile.id === survivorId);
      const restored = profiles.find((profile) => profile.id === restoredId);
      if (!survivor || survivor.deleted_at) return { status: 'conflict', reason: 'survivor_deleted', blockedBy: null };
      if (survivor.merged_into) return { status: 'conflict', reason: 'survivor_merged', blockedBy: survivor.merged_into };
      if (!restored || restored.merged_into !== survivorId) return { status: 'conflict', reason: 'restored_moved', blockedBy: restored?.merged_into ?? null };

      const moved = identifiersOf(await manager.query(`SELECT type, value FROM merge_moves WHERE merge_id = $1`, [mergeId]));
      const [back]: [{ type: string; value: string }[], number] = await manager.query(
        `UPDATE identifiers SET profile_id = $2 WHERE profile_id = $1
           AND (type, value) IN (SELECT type, value FROM merge_moves WHERE merge_id = $3)
         RETURNING type, value`,
        [survivorId, restoredId, mergeId],
      );
      const restoredMergedIds = await this.mergedIntoBefore(manager, restoredId);
      await manager.query(`UPDATE profiles SET merged_into = NULL WHERE id = $1`, [restoredId]);
      if (restoredMergedIds.length > 0) {
        await manager.query(`UPDATE profiles SET merged_into = $1 WHERE id = ANY($2::uuid[]) AND merged_into = $3`, [restoredId, restoredMergedIds, survivorId]);
      }

      const unmergeId = unmergeIdOf(mergeId);
      const causedByProfileId = causedByProfileOf(merge.linkedBy, moved, survivorId, restoredId);
      const restoredIdentifiers = sortIdentifiers(identifiersOf(back));
      const [inserted]: UnmergeRow[] = await manager.query(
        `INSERT INTO unmerges (id, merge_id, survivor_id, restored_id, restored_merged_ids, identifiers, linked_by, caused_by_message_id, caused_by_profile_id, requested_by, unmerged_at)
         VALUES ($1, $2, $3, $4, $5::uuid[], $6, $7, $8, $9, $10, now()) RETURNING *`,
        [
          unmergeId,
          mergeId,
          survivorId,
          restoredId,
          restoredMergedIds,
          JSON.stringify(restoredIdentifiers),
          JSON.stringify(merge.linkedBy),
          merge.causedByMessageId,
          causedByProfileId,
          requestedBy,
        ],
      );
      await manager.query(`INSERT INTO blocked_links (unmerge_id, profile_a, profile_b, linked_by, blocked_at) VALUES ($1, $2, $3, $4, $5)`, [
        unmergeId,
        survivorId,
        restoredId,
        JSON.stringify(merge.linkedBy),
        inserted.unmerged_at,
      ]);
      return { status: 'unmerged', unmerge: toUnmergeRecord(inserted) };
    });
  }

  /** Profiles merged into this one (directly or down a chain) by merges not undone: they follow it back. */
  private async mergedIntoBefore(manager: EntityManager, profileId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `WITH RECURSIVE tree(id) AS (
         SELECT m.merged_id FROM merge_log m WHERE m.survivor_id = $1 AND NOT EXISTS (SELECT 1 FROM unmerges u WHERE u.merge_id = m.id)
         UNION
         SELECT m.merged_id FROM merge_log m JOIN tree t ON m.survivor_id = t.id WHERE NOT EXISTS (SELECT 1 FROM unmerges u WHERE u.merge_id = m.id)
       )
       SELECT id FROM tree ORDER BY id`,
      [profileId],
    );
    return rows.map((row) => row.id);
  }
}
