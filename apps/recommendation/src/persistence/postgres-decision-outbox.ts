import { Injectable } from '@nestjs/common';
import { type RecommendationStateV1, Topics } from '@touchpoint/contracts';
import { EventPublisher } from '@touchpoint/kafka';
import { inTransaction } from '@touchpoint/persistence';
import { DataSource } from 'typeorm';
import { DecisionOutbox } from '../recommendation-record/recommendation-record';
import { SuppressionLatency } from '../recommendation-record/suppression-latency';
import { revisionOf } from '../recommendation-view/recommendation-view';
import {
  lockPendingMessages,
  lockPendingStates,
  lockPendingTombstones,
  markMessagesPublished,
  markStatesPublished,
  markTombstonesPublished,
  type PendingState,
} from './outbox.sql';

/** Rows per round: one send to the broker, one update. */
const PAGE = 500;

const stateOf = (row: PendingState, now: string): RecommendationStateV1 => ({
  profileId: row.profile_id,
  retargeting: [...row.told.retargeting],
  recommendations: [...row.told.recommendations],
  audiences: [...row.told.audiences],
  survivorProfileId: row.retired_into,
  revision: revisionOf(row.view),
  positions: row.positions,
  updatedAt: now,
});

/**
 * Publishes queued messages, then the state-topic records of the profiles they changed (whose
 * positions now point past them), then the tombstones of erased profiles, holding the row locks
 * across the sends: a second publisher of the same profiles waits and finds nothing left, so a
 * profile's messages keep their order and its state never runs ahead of them. A crash after a
 * send and before its mark publishes the same ids again, which consumers de-duplicate.
 */
@Injectable()
export class PostgresDecisionOutbox extends DecisionOutbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    private readonly latency: SuppressionLatency,
  ) {
    super();
  }

  async publishPending(profileIds: readonly string[] | null): Promise<number> {
    if (profileIds !== null && profileIds.length === 0) return 0;
    let published = 0;
    for (;;) {
      const count = await inTransaction(this.dataSource, async (client) => {
        const pending = await lockPendingMessages(client, profileIds, PAGE);
        if (pending.length > 0) {
          const positions = await this.publisher.publishWithPositions(
            Topics.recommendations,
            pending.map(({ body, accepted_at }) => ({ id: body.id, value: body, acceptedAt: accepted_at === null ? null : Number(accepted_at) })),
          );
          await markMessagesPublished(client, pending, positions);
          this.latency.observe(pending, Date.now());
        }
        const states = await lockPendingStates(client, profileIds, PAGE);
        if (states.length > 0) {
          const now = new Date().toISOString();
          await this.publisher.publish(
            Topics.recommendationsState,
            states.map((row) => ({ id: `state:${row.profile_id}:${revisionOf(row.view)}`, value: stateOf(row, now) })),
          );
          await markStatesPublished(client, states.map((row) => row.profile_id));
        }
        const tombstones = await lockPendingTombstones(client, profileIds, PAGE);
        if (tombstones.length > 0) {
          await this.publisher.publishTombstones(Topics.recommendationsState, tombstones);
          await markTombstonesPublished(client, tombstones);
        }
        return Math.max(pending.length, states.length, tombstones.length);
      });
      published += count;
      if (count < PAGE) return published;
    }
  }
}
