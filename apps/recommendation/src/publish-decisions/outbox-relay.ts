import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { RecommendationSettings } from '@touchpoint/config';
import { PeriodicTask } from '@touchpoint/service-runtime';
import { RECOMMENDATION_SETTINGS } from '../app/recommendation-settings';
import { DecisionOutbox } from '../recommendation-record/recommendation-record';

/**
 * Publishes messages decided but not published (a crash between the commit and the send, or
 * Kafka down at the time). Normally the consumer that decided them publishes them at once and
 * this finds nothing.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;
  private readonly logger = new Logger(OutboxRelay.name);

  constructor(outbox: DecisionOutbox, @Inject(RECOMMENDATION_SETTINGS) settings: RecommendationSettings) {
    this.task = new PeriodicTask(
      'decision outbox relay',
      settings.outboxSweepMs,
      async () => {
        const published = await outbox.publishPending(null);
        if (published > 0) this.logger.log(`published ${published} message(s) left in the outbox`);
        return false;
      },
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
