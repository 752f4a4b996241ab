import { Injectable, Logger } from '@nestjs/common';
import { RecommendationStateRepository } from '../recommendation-view/recommendation-state.repository';
import type { ForgetProfileCommand } from './forget-profile.command';

/**
 * Forgets the erased profile and the profiles merged into it: their views and what platforms
 * were told. Publishes nothing: platforms are told about the customer by profile id, and an
 * erased profile id is never used again. Idempotent, so a redelivery is harmless.
 */
@Injectable()
export class ForgetProfileHandler {
  private readonly logger = new Logger(ForgetProfileHandler.name);

  constructor(private readonly states: RecommendationStateRepository) {}

  async execute({ deleted }: ForgetProfileCommand): Promise<void> {
    for (const profileId of [deleted.profileId, ...deleted.mergedProfileIds]) await this.states.forget(profileId);
    this.logger.log(`forgot the recommendations of erased profile ${deleted.profileId} (deletion ${deleted.deletionId})`);
  }
}
