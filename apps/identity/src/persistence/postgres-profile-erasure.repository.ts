import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Identifier, IdentifierType } from '@touchpoint/contracts';
import { DataSource } from 'typeorm';
import { IdentifierReader } from '../domain/identifier-reader';
import { isIdentifierType } from '../domain/identifiers';
import { type ErasureOutcome, ProfileErasure } from '../domain/profile-erasure';

/**
 * Locks the profile row, which is the lock resolution takes too: a resolver that linked the
 * profile before the erasure finds its identifiers gone when it re-reads them, and starts over
 * (and then finds them in the erasure ledger, written in the same transaction).
 */
@Injectable()
export class PostgresProfileErasureRepository extends ProfileErasure {
  constructor(
    private readonly dataSource: DataSource,
    private readonly identifiers: IdentifierReader,
  ) {
    super();
  }

  async erase(profileId: string, requestedBy: string): Promise<ErasureOutcome> {
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const rows: { merged_into: string | null; deleted_at: Date | null }[] = await manager.query(
        `SELECT merged_into, deleted_at FROM profiles WHERE id = $1 FOR UPDATE`,
        [profileId],
      );
      const profile = rows[0];
      if (!profile) return { status: 'missing' };
      if (profile.merged_into) return { status: 'merged', mergedInto: profile.merged_into };
      const merged: { id: string }[] = await manager.query(`SELECT id FROM profiles WHERE merged_into = $1 ORDER BY id`, [profileId]);
      const mergedProfileIds = merged.map((row) => row.id);
      if (profile.deleted_at) {
        // A retry after a failed announcement: answer the first erasure again, so it can be re-announced.
        const audits: { id: string; identifier_counts: Partial<Record<IdentifierType, number>>; deleted_at: Date }[] = await manager.query(
          `SELECT id, identifier_counts, deleted_at FROM deletion_audit WHERE profile_id = $1 ORDER BY deleted_at LIMIT 1`,
          [profileId],
        );
        const audit = audits[0];
        if (!audit) throw new Error(`profile ${profileId} is deleted but has no deletion_audit row`);
        return {
          status: 'erased',
          erased: { deletionId: audit.id, profileId, mergedProfileIds, removed: [], identifierCounts: audit.identifier_counts, deletedAt: audit.deleted_at },
        };
      }

      const [removedRows]: [{ type: string; value: string }[], number] = await manager.query(
        `DELETE FROM identifiers WHERE profile_id = $1 RETURNING type, value`,
        [profileId],
      );
      const removed: Identifier[] = removedRows.flatMap((row) => (isIdentifierType(row.type) ? [{ type: row.type, value: row.value }] : []));
      const ids = [profileId, ...mergedProfileIds];
      // These rows carry identifier values of the erased customer.
      await manager.query(`DELETE FROM merge_log WHERE survivor_id = ANY($1::uuid[]) OR merged_id = ANY($1::uuid[])`, [ids]);
      await manager.query(`DELETE FROM merge_refusals WHERE profile_id = ANY($1::uuid[]) OR refused_profile_id = ANY($1::uuid[])`, [ids]);
      // merge_moves and blocked_links go with their merge_log and unmerges rows (ON DELETE CASCADE).
      await manager.query(`DELETE FROM unmerges WHERE survivor_id = ANY($1::uuid[]) OR restored_id = ANY($1::uuid[])`, [ids]);
      if (removed.length > 0) {
        const [types, values] = [removed.map((identifier) => identifier.type), removed.map((identifier) => identifier.value)];
        const removedPairs = `(SELECT * FROM unnest($1::varchar[], $2::varchar[]))`;
        await manager.query(`DELETE FROM identifier_pairings WHERE (type, value) IN ${removedPairs} OR (other_type, other_value) IN ${removedPairs}`, [types, values]);
        await manager.query(`DELETE FROM shared_identifiers WHERE (type, value) IN ${removedPairs}`, [types, values]);
      }
      const deletedAt = new Date();
      await manager.query(`UPDATE profiles SET deleted_at = $2 WHERE id = $1`, [profileId, deletedAt]);

      const identifierCounts: Partial<Record<IdentifierType, number>> = {};
      for (const identifier of removed) identifierCounts[identifier.type] = (identifierCounts[identifier.type] ?? 0) + 1;
      const deletionId = randomUUID();
      // The ledger keeps keyed hashes only; a later erasure of the same identifier moves its time on.
      if (removed.length > 0) {
        await manager.query(
          `INSERT INTO erased_identifiers (key, deletion_id, profile_id, erased_at)
           SELECT k, $2, $3, $4 FROM unnest($1::varchar[]) AS k
           ON CONFLICT (key) DO UPDATE SET deletion_id = EXCLUDED.deletion_id, profile_id = EXCLUDED.profile_id, erased_at = EXCLUDED.erased_at
           WHERE erased_identifiers.erased_at < EXCLUDED.erased_at`,
          [[...new Set(removed.map((identifier) => this.identifiers.erasureKey(identifier)))], deletionId, profileId, deletedAt],
        );
      }
      await manager.query(
        `INSERT INTO deletion_audit (id, profile_id, requested_by, identifier_counts, deleted_at) VALUES ($1, $2, $3, $4, $5)`,
        [deletionId, profileId, requestedBy, JSON.stringify(identifierCounts), deletedAt],
      );
      return {
        status: 'erased',
        erased: { deletionId, profileId, mergedProfileIds, removed, identifierCounts, deletedAt },
      };
    });
  }
}
