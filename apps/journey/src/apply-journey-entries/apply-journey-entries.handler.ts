import { Injectable } from '@nestjs/common';
import { ChangeAnnouncer } from '../journey-record/change-announcer';
import { JourneyRecord, type RecordedChange } from '../journey-record/journey-record';
import type { ApplyJourneyEntriesCommand } from './apply-journey-entries.command';

/** Commits the entries with the states and transitions they cause, then announces the change. */
@Injectable()
export class ApplyJourneyEntriesHandler {
  constructor(
    private readonly record: JourneyRecord,
    private readonly announcer: ChangeAnnouncer,
  ) {}

  async execute(command: ApplyJourneyEntriesCommand): Promise<RecordedChange> {
    const change = await this.record.apply(command.entries);
    await this.announcer.announce(change);
    return change;
  }
}
