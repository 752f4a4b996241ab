import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Topics } from '@touchpoint/contracts';
import { ConsumerRunner, TopicProvisioner } from '@touchpoint/kafka';
import { LiveCatalog } from '../catalog/live-catalog';
import { signalOf } from '../signals/signal-of-event';
import { SignalStore } from '../signals/signal-store';

export const SIGNALS_GROUP = 'touchpoint-recommendation-signals';

/**
 * Counts co-occurrence from resolved events (views and completed orders, every channel), in a
 * group of its own: decisions never wait on it. Rebuilding the counts: empty the signal tables
 * and move this group's offsets to the start of the topic (`touchpoint reprocess`).
 */
@Injectable()
export class ResolvedEventsMessageController implements OnApplicationBootstrap {
  constructor(
    private readonly runner: ConsumerRunner,
    private readonly topics: TopicProvisioner,
    private readonly signals: SignalStore,
    private readonly catalog: LiveCatalog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.topics.ensure([Topics.eventsResolved, Topics.deadLetter]);
    await this.runner.start({
      groupId: SIGNALS_GROUP,
      topic: Topics.eventsResolved,
      maxBatchSize: 1_000,
      handleBatch: async (items) => {
        const categoryOf = (productId: string): string[] => {
          const category = this.catalog.snapshot.get(productId)?.category;
          return category === undefined ? [] : [`category:${category}`];
        };
        await this.signals.record(
          items.flatMap((item) => signalOf(item.value) ?? []),
          categoryOf,
        );
      },
    });
  }
}
