import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { JourneySettings } from '@touchpoint/config';
import { tickEntry } from '@touchpoint/journey-model';
import { ApplyJourneyEntriesCommand } from '../apply-journey-entries/apply-journey-entries.command';
import { ApplyJourneyEntriesHandler } from '../apply-journey-entries/apply-journey-entries.handler';
import { JOURNEY_SETTINGS } from '../app/journey-settings';
import { PeriodicTask } from '@touchpoint/service-runtime';
import { JourneyRecord } from '../journey-record/journey-record';

/** Due timers taken per run; more are taken at once when a run was full. */
const BATCH = 200;

/**
 * Fires due timers (cart abandonment, tier moves, lapsing): each profile's next due time is in
 * Postgres, so the schedule survives restarts. The wall clock only says WHEN a timer is due;
 * the tick applied carries the due time itself, which is all the reducer reads. A tick is an
 * entry of the log like an event, so firing twice (two instances, a crash) applies once.
 */
@Injectable()
export class TimerScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;

  constructor(
    private readonly record: JourneyRecord,
    private readonly apply: ApplyJourneyEntriesHandler,
    @Inject(JOURNEY_SETTINGS) settings: JourneySettings,
  ) {
    this.task = new PeriodicTask('timer scheduler', settings.timerPollMs, () => this.fireDue(Date.now()), new Logger(TimerScheduler.name));
  }

  /** Fires what is due at `now`; true when there may be more. */
  async fireDue(now: number): Promise<boolean> {
    const due = await this.record.dueTimers(now, BATCH);
    if (due.length === 0) return false;
    await this.apply.execute(new ApplyJourneyEntriesCommand(due.map(({ profileId, dueAt }) => ({ profileId, entry: tickEntry(dueAt), dueAt }))));
    return due.length === BATCH;
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
