import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { JourneySettings } from '@touchpoint/config';
import { JOURNEY_SETTINGS } from '../app/journey-settings';
import { PeriodicTask } from '@touchpoint/service-runtime';
import { TransitionOutbox } from '../journey-record/journey-record';

/**
 * Publishes transitions that were committed but not published: a crash between the commit and
 * the send, or Kafka down at the time. Normally the consumer that committed them publishes them
 * right away and this finds nothing.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;
  private readonly logger = new Logger(OutboxRelay.name);

  constructor(outbox: TransitionOutbox, @Inject(JOURNEY_SETTINGS) settings: JourneySettings) {
    this.task = new PeriodicTask(
      'transition outbox relay',
      settings.outboxSweepMs,
      async () => {
        const published = await outbox.publishPending(null);
        if (published > 0) this.logger.log(`published ${published} transition(s) left in the outbox`);
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
