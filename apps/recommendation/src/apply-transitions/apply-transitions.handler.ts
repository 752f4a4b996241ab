import { Inject, Injectable } from '@nestjs/common';
import type { RecommendationSettings } from '@touchpoint/config';
import { RECOMMENDATION_SETTINGS } from '../app/recommendation-settings';
import { retargetingPolicyOf } from '../recommendation-rules/policy-of';
import { Catalog } from '../catalog/catalog';
import { LiveSignals } from '../signals/live-signals';
import { DecisionOutbox, RecommendationRecord } from '../recommendation-record/recommendation-record';
import type { ApplyTransitionsCommand } from './apply-transitions.command';
import { decideBatch } from './decide-batch';

/**
 * Decides a batch of transitions from the stored states and keeps the new states with the
 * messages they call for in one transaction, then publishes them: a crash in between leaves
 * the messages queued (the relay sends them), and a redelivered batch moves nothing, so it
 * sends nothing twice under other ids.
 */
@Injectable()
export class ApplyTransitionsHandler {
  constructor(
    private readonly record: RecommendationRecord,
    private readonly outbox: DecisionOutbox,
    private readonly catalog: Catalog,
    private readonly signals: LiveSignals,
    @Inject(RECOMMENDATION_SETTINGS) private readonly settings: RecommendationSettings,
  ) {}

  async execute({ arrived }: ApplyTransitionsCommand): Promise<void> {
    if (arrived.length === 0) return;
    const profileIds = [...new Set(arrived.map((a) => a.transition.profileId))];
    await this.record.update(profileIds, (states) => decideBatch(arrived, states, { catalog: this.catalog, signals: this.signals, policy: retargetingPolicyOf(this.settings), now: Date.now() }));
    // Also what an earlier attempt queued and could not send: the retry of a batch after an outage publishes it.
    await this.outbox.publishPending(profileIds);
  }
}
