import { Injectable } from '@nestjs/common';
import { Topics } from '@touchpoint/contracts';
import { EventPublisher } from '@touchpoint/kafka';
import { inTransaction } from '@touchpoint/persistence';
import { DataSource } from 'typeorm';
import { TransitionOutbox } from '../journey-record/journey-record';
import { lockPending, markPublished } from './transitions.sql';

/** Rows per publish: one send to the broker, one update. */
const PAGE = 500;

/**
 * Publishes committed transitions and marks them published, holding their row locks across
 * the send: a second publisher of the same profile waits, then finds nothing left, so order
 * per profile holds. A crash after the send and before the mark republishes the same ids,
 * which consumers de-duplicate.
 */
@Injectable()
export class PostgresTransitionOutbox extends TransitionOutbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
  ) {
    super();
  }

  async publishPending(profileIds: readonly string[] | null): Promise<number> {
    if (profileIds !== null && profileIds.length === 0) return 0;
    let published = 0;
    for (;;) {
      const count = await inTransaction(this.dataSource, async (client) => {
        const pending = await lockPending(client, profileIds, PAGE);
        if (pending.length === 0) return 0;
        await this.publisher.publish(
          Topics.journeyTransitions,
          pending.map(({ body, received_at }) => ({ id: body.transitionId, value: body, acceptedAt: received_at === null ? null : Date.parse(received_at) || null })),
        );
        await markPublished(client, pending.map((row) => row.seq));
        return pending.length;
      });
      published += count;
      if (count < PAGE) return published;
    }
  }
}
