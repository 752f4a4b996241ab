import { Injectable } from '@nestjs/common';
import { ChangeAnnouncer } from '../journey-record/change-announcer';
import { JourneyRecord, type RecordedChange } from '../journey-record/journey-record';
import { MergesApplied } from '../metrics/merges-applied';
import type { MergeProfilesCommand } from './merge-profiles.command';

/**
 * Retires the merged ids into the final survivor in one transaction, whatever order merges
 * and events arrive in; a redelivered merge finds it applied and changes nothing.
 */
@Injectable()
export class MergeProfilesHandler {
  constructor(
    private readonly record: JourneyRecord,
    private readonly announcer: ChangeAnnouncer,
    private readonly applied: MergesApplied,
  ) {}

  async execute(command: MergeProfilesCommand): Promise<RecordedChange> {
    const change = await this.record.merge(command.merge);
    await this.announcer.announce(change);
    this.applied.record('merge', change);
    return change;
  }
}
