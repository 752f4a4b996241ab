import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

/**
 * Publishes what was committed to an outbox but not published: a crash between the commit and
 * the send, or Kafka down at the time. Normally whoever committed the rows publishes them at once
 * and a sweep finds nothing. Subclasses name what they publish and how.
 */
export abstract class OutboxSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;

  protected constructor(what: string, intervalMs: number, publishPending: () => Promise<number>) {
    const logger = new Logger(new.target.name);
    this.task = new PeriodicTask(
      `${what} outbox sweep`,
      intervalMs,
      async () => {
        const published = await publishPending();
        if (published > 0) logger.log(`published ${published} ${what}(s) left in the outbox`);
        return false;
      },
      logger,
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
