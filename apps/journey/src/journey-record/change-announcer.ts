import { Injectable, Logger } from '@nestjs/common';
import { JourneyCache, type RecordedChange, TransitionOutbox } from './journey-record';

/**
 * What follows a committed change: its transitions go out through the outbox (a failure to
 * publish throws, so the consumer retries and the redelivery publishes them), then the read
 * cache learns that the documents changed. The cache comes last and may fail: it is only a cache.
 */
@Injectable()
export class ChangeAnnouncer {
  private readonly logger = new Logger(ChangeAnnouncer.name);

  constructor(
    private readonly outbox: TransitionOutbox,
    private readonly cache: JourneyCache,
  ) {}

  async announce(change: RecordedChange): Promise<void> {
    await this.outbox.publishPending(change.profileIds);
    // Writes only mark the cache; reads fill it. Most changed journeys are never read before they change again.
    await this.cache.invalidate(change.saved);
    await this.cache.delete(change.gone);
    for (const transition of change.transitions) {
      const from = transition.before?.stage;
      const to = transition.after?.stage;
      if (transition.kind === 'retired') this.logger.log(`profile ${transition.profileId} retired into ${transition.survivorProfileId} (${transition.cause.id})`);
      else if (from !== to) this.logger.log(`profile ${transition.profileId}: ${from ?? 'new'} -> ${to} (${transition.cause.id})`);
    }
  }
}
