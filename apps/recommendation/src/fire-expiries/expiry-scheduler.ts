import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { RecommendationSettings } from '@touchpoint/config';
import { PeriodicTask } from '@touchpoint/service-runtime';
import { RECOMMENDATION_SETTINGS } from '../app/recommendation-settings';
import { Catalog } from '../catalog/catalog';
import { retargetingPolicyOf } from '../recommendation-rules/policy-of';
import { reactToChange } from '../recommendation-rules/react-to-transition';
import { DecisionOutbox, RecommendationRecord } from '../recommendation-record/recommendation-record';
import { LiveSignals } from '../signals/live-signals';

const PAGE = 200;

/**
 * Decides again the profiles whose retargeting expiry (or the end of a cool-down) fell due,
 * though nothing happened to them: a quiet profile is never retargeted forever. The due time
 * is kept with the profile in Postgres, so a restart or another instance picks it up.
 */
@Injectable()
export class ExpiryScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ExpiryScheduler.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly record: RecommendationRecord,
    private readonly outbox: DecisionOutbox,
    private readonly catalog: Catalog,
    private readonly signals: LiveSignals,
    @Inject(RECOMMENDATION_SETTINGS) private readonly settings: RecommendationSettings,
  ) {
    this.task = new PeriodicTask('retargeting expiry', settings.timerPollMs, () => this.fireDue(Date.now()), this.logger);
  }

  /** Decides one page of due profiles; true when there may be more. */
  async fireDue(now: number): Promise<boolean> {
    const due = await this.record.dueProfiles(now, PAGE);
    if (due.length === 0) return false;
    const context = { catalog: this.catalog, signals: this.signals, policy: retargetingPolicyOf(this.settings), now };
    await this.record.update(due, (states) =>
      [...states].flatMap(([profileId, state]) => {
        if (state.nextDueAt == null || state.nextDueAt > now) return [];
        const reaction = reactToChange(profileId, state, context, { kind: 'timer', id: `expiry-${state.nextDueAt}`, at: new Date(now).toISOString() });
        const next = reaction ?? { state: { ...state, nextDueAt: null }, messages: [] };
        return [{ profileId, state: next.state, messages: next.messages, retiredInto: null, acceptedAt: new Map<string, number>() }];
      }),
    );
    await this.outbox.publishPending(due);
    return due.length === PAGE;
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
