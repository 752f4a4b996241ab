import { Injectable, Logger } from '@nestjs/common';
import { JourneyStateRepository } from '../journey-state/journey-state.repository';
import type { ForgetProfileCommand } from './forget-profile.command';

/**
 * Deletes the journey of the erased profile and of the profiles merged into it (a merge that
 * journey has not folded yet may still hold state under their ids). Idempotent: a redelivery
 * deletes nothing more and publishes nothing.
 */
@Injectable()
export class ForgetProfileHandler {
  private readonly logger = new Logger(ForgetProfileHandler.name);

  constructor(private readonly journeys: JourneyStateRepository) {}

  async execute({ deleted }: ForgetProfileCommand): Promise<void> {
    for (const profileId of [deleted.profileId, ...deleted.mergedProfileIds]) await this.journeys.delete(profileId);
    this.logger.log(`forgot the journey of erased profile ${deleted.profileId} (deletion ${deleted.deletionId})`);
  }
}
