import { Injectable, Logger } from '@nestjs/common';
import { ChangeAnnouncer } from '../journey-record/change-announcer';
import { JourneyRecord } from '../journey-record/journey-record';
import type { ForgetProfileCommand } from './forget-profile.command';

/**
 * Erases the log, state and timeline of the profile, of the profiles merged into it, and of
 * any id retired into them. Publishes nothing. Idempotent.
 */
@Injectable()
export class ForgetProfileHandler {
  private readonly logger = new Logger(ForgetProfileHandler.name);

  constructor(
    private readonly record: JourneyRecord,
    private readonly announcer: ChangeAnnouncer,
  ) {}

  async execute({ deleted }: ForgetProfileCommand): Promise<void> {
    const change = await this.record.erase([deleted.profileId, ...deleted.mergedProfileIds]);
    await this.announcer.announce(change);
    this.logger.log(`forgot the journey of erased profile ${deleted.profileId} (deletion ${deleted.deletionId})`);
  }
}
