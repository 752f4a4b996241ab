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
const BEFORE_EVERY_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Every RECOMMENDATION_LIST_REFRESH_MS, walks every live profile and decides it again from the
 * latest signals: lists follow what others buy together without moving on every change of a
 * global counter. The refresh id is the period, so instances walking at once tell the same
 * thing under the same ids, and the second finds nothing left to tell.
 */
@Injectable()
export class ListRefresher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ListRefresher.name);
  private readonly task: PeriodicTask;
  private started = false;

  constructor(
    private readonly record: RecommendationRecord,
    private readonly outbox: DecisionOutbox,
    private readonly catalog: Catalog,
    private readonly signals: LiveSignals,
    @Inject(RECOMMENDATION_SETTINGS) private readonly settings: RecommendationSettings,
  ) {
    this.task = new PeriodicTask('list refresh', settings.listRefreshMs, async () => {
      // The first run waits one period: a service starting has just decided what it holds.
      if (this.started) await this.refreshAll(Date.now());
      this.started = true;
      return false;
    }, this.logger);
  }

  /** Decides every live profile again; the number whose decisions moved. */
  async refreshAll(now: number): Promise<number> {
    await this.signals.reload();
    const period = Math.floor(now / this.settings.listRefreshMs) * this.settings.listRefreshMs;
    const context = { catalog: this.catalog, signals: this.signals, policy: retargetingPolicyOf(this.settings), now };
    const change = { kind: 'timer' as const, id: `refresh-${period}`, at: new Date(now).toISOString() };
    let moved = 0;
    for (let after = BEFORE_EVERY_ID; ; ) {
      const page = await this.record.liveProfilesAfter(after, PAGE);
      if (page.length === 0) break;
      await this.record.update(page, (states) =>
        [...states].flatMap(([profileId, state]) => {
          const reaction = reactToChange(profileId, state, context, change);
          if (reaction === null || reaction.messages.length === 0) return [];
          moved++;
          return [{ profileId, state: reaction.state, messages: reaction.messages, retiredInto: null, acceptedAt: new Map<string, number>() }];
        }),
      );
      await this.outbox.publishPending(page);
      after = page[page.length - 1];
      if (page.length < PAGE) break;
    }
    if (moved > 0) this.logger.log(`list refresh: ${moved} profile(s) told something new`);
    return moved;
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
