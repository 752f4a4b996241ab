import { Injectable } from '@nestjs/common';
import { ChangeAnnouncer } from '../journey-record/change-announcer';
import { JourneyRecord, type RecordedChange } from '../journey-record/journey-record';
import { MergesApplied } from '../metrics/merges-applied';
import type { UnmergeProfilesCommand } from './unmerge-profiles.command';

/**
 * Re-folds both profiles of an undone merge in one transaction and announces their `changed`
 * transitions (cause `unmerge`); a redelivered unmerge finds it applied and changes nothing.
 */
@Injectable()
export class UnmergeProfilesHandler {
  constructor(
    private readonly record: JourneyRecord,
    private readonly announcer: ChangeAnnouncer,
    private readonly applied: MergesApplied,
  ) {}

  async execute(command: UnmergeProfilesCommand): Promise<RecordedChange> {
    const change = await this.record.unmerge(command.unmerge);
    await this.announcer.announce(change);
    this.applied.record('unmerge', change);
    return change;
  }
}
