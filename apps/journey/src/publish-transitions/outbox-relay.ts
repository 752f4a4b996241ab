import { Inject, Injectable } from '@nestjs/common';
import type { JourneySettings } from '@touchpoint/config';
import { OutboxSweep } from '@touchpoint/service-runtime';
import { JOURNEY_SETTINGS } from '../app/journey-settings';
import { TransitionOutbox } from '../journey-record/journey-record';

/** Transitions committed but not published, every JOURNEY_OUTBOX_SWEEP_MS. */
@Injectable()
export class OutboxRelay extends OutboxSweep {
  constructor(outbox: TransitionOutbox, @Inject(JOURNEY_SETTINGS) settings: JourneySettings) {
    super('transition', settings.outboxSweepMs, () => outbox.publishPending(null));
  }
}
