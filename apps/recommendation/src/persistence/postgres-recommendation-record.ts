import { Injectable } from '@nestjs/common';
import type { RecommendationMessage } from '@touchpoint/contracts';
import { inTransaction, withPooledConnection } from '@touchpoint/persistence';
import { DataSource } from 'typeorm';
import { type DecidedProfile, RecommendationRecord, type StoredProfile, type ToldMessage } from '../recommendation-record/recommendation-record';
import type { RecommendationState } from '../recommendation-view/recommendation-state';
import { unknownProfileState } from '../recommendation-view/recommendation-state';
import { lockStates, queueMessages, saveStates } from './profile-rows.sql';

/** Merges chain (a survivor merged away in turn); a read follows at most this many. */
const MAX_SURVIVOR_HOPS = 16;

/** Recommendation's state of record in PostgreSQL: one transaction per decided batch. */
@Injectable()
export class PostgresRecommendationRecord extends RecommendationRecord {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  update(profileIds: readonly string[], decide: (states: ReadonlyMap<string, RecommendationState>) => readonly DecidedProfile[]): Promise<void> {
    return inTransaction(this.dataSource, async (client) => {
      const { states, erased } = await lockStates(client, profileIds);
      const known = new Map<string, RecommendationState>();
      for (const id of profileIds) if (!erased.has(id)) known.set(id, states.get(id) ?? unknownProfileState);
      const decided = decide(known).filter((d) => !erased.has(d.profileId));
      await saveStates(client, decided);
      await queueMessages(client, decided);
    });
  }

  erase(profileIds: readonly string[], deletionId: string, withdraw: (states: ReadonlyMap<string, RecommendationState>) => readonly DecidedProfile[]): Promise<void> {
    return inTransaction(this.dataSource, async (client) => {
      const { states, erased } = await lockStates(client, profileIds);
      const live = new Map([...states].filter(([id]) => !erased.has(id)));
      // History goes first; the withdrawals stay queued (they name no person, only the id platforms knew).
      await client.query('DELETE FROM recommendation_decisions WHERE profile_id = ANY($1::uuid[])', [profileIds]);
      await queueMessages(client, withdraw(live));
      await client.query('DELETE FROM recommendation_profiles WHERE profile_id = ANY($1::uuid[])', [profileIds]);
      await client.query(
        `INSERT INTO recommendation_erasures (profile_id, deletion_id) SELECT id, $2 FROM unnest($1::uuid[]) AS id ON CONFLICT (profile_id) DO NOTHING`,
        [profileIds, deletionId],
      );
    });
  }

  read(profileId: string): Promise<StoredProfile | null> {
    return withPooledConnection(this.dataSource, async (client) => {
      let id = profileId;
      for (let hop = 0; hop <= MAX_SURVIVOR_HOPS; hop++) {
        const { rows } = await client.query<{ view: RecommendationState['view']; told: RecommendationState['told']; retired_into: string | null }>({
          name: 'recommendation-read',
          text: 'SELECT view, told, retired_into FROM recommendation_profiles WHERE profile_id = $1',
          values: [id],
        });
        const row = rows[0];
        if (!row) return null;
        if (row.retired_into === null) return { profileId: id, state: { view: row.view, told: row.told } };
        id = row.retired_into;
      }
      return null;
    });
  }

  liveProfilesAfter(after: string, limit: number): Promise<string[]> {
    return withPooledConnection(this.dataSource, async (client) => {
      const { rows } = await client.query<{ profile_id: string }>({
        name: 'recommendation-live-after',
        text: 'SELECT profile_id FROM recommendation_profiles WHERE profile_id > $1 AND retired_into IS NULL ORDER BY profile_id LIMIT $2',
        values: [after, limit],
      });
      return rows.map((row) => row.profile_id);
    });
  }

  dueProfiles(now: number, limit: number): Promise<string[]> {
    return withPooledConnection(this.dataSource, async (client) => {
      const { rows } = await client.query<{ profile_id: string }>({
        name: 'recommendation-due',
        text: 'SELECT profile_id FROM recommendation_profiles WHERE next_due_at <= $1 ORDER BY next_due_at LIMIT $2',
        values: [now, limit],
      });
      return rows.map((row) => row.profile_id);
    });
  }

  history(profileId: string, limit: number): Promise<ToldMessage[]> {
    return withPooledConnection(this.dataSource, async (client) => {
      const { rows } = await client.query<{ body: RecommendationMessage; decided_at: Date; published_at: Date | null }>({
        name: 'recommendation-history',
        text: 'SELECT body, decided_at, published_at FROM recommendation_decisions WHERE profile_id = $1 ORDER BY seq DESC LIMIT $2',
        values: [profileId, limit],
      });
      return rows.map((row) => ({ message: row.body, decidedAt: row.decided_at.toISOString(), publishedAt: row.published_at?.toISOString() ?? null }));
    });
  }
}
