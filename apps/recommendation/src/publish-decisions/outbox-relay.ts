import { Inject, Injectable } from '@nestjs/common';
import type { RecommendationSettings } from '@touchpoint/config';
import { OutboxSweep } from '@touchpoint/service-runtime';
import { RECOMMENDATION_SETTINGS } from '../app/recommendation-settings';
import { DecisionOutbox } from '../recommendation-record/recommendation-record';

/** Messages decided but not published (and the state records after them), every RECOMMENDATION_OUTBOX_SWEEP_MS. */
@Injectable()
export class OutboxRelay extends OutboxSweep {
  constructor(outbox: DecisionOutbox, @Inject(RECOMMENDATION_SETTINGS) settings: RecommendationSettings) {
    super('message', settings.outboxSweepMs, () => outbox.publishPending(null));
  }
}
