import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { JourneySettings } from '@touchpoint/config';
import { JOURNEY_SETTINGS } from '../app/journey-settings';
import { PeriodicTask } from '@touchpoint/service-runtime';
import { ChangeAnnouncer } from '../journey-record/change-announcer';
import { JourneyRecord } from '../journey-record/journey-record';

const BATCH = 100;

/**
 * After a deployment with a new reducer or new journey definitions, re-folds every state that an
 * older version produced, from its log, in the background; consumers hear of what moved as
 * transitions caused by the refold. A profile that gets an event first is re-folded then.
 */
@Injectable()
export class OutdatedJourneysRefolder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;
  private readonly logger = new Logger(OutdatedJourneysRefolder.name);

  constructor(
    private readonly record: JourneyRecord,
    private readonly announcer: ChangeAnnouncer,
    @Inject(JOURNEY_SETTINGS) settings: JourneySettings,
  ) {
    this.task = new PeriodicTask('refold of outdated journeys', settings.outboxSweepMs, () => this.refoldSome(), this.logger);
  }

  /** Set once a run found nothing outdated: states written since are current. */
  private finished = false;

  async refoldSome(): Promise<boolean> {
    if (this.finished) return false;
    const change = await this.record.refold(null, BATCH);
    await this.announcer.announce(change);
    if (change.saved.length > 0) this.logger.log(`re-folded ${change.saved.length} journey(s) made by an older reducer or definitions`);
    this.finished = change.saved.length === 0;
    return change.saved.length === BATCH;
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
