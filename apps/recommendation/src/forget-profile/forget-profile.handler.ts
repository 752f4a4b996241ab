import { Injectable, Logger } from '@nestjs/common';
import type { ForgetProfileCommand } from './forget-profile.command';
import { PublishedRecommendationsEraser } from './published-recommendations.eraser';

/**
 * Forgets the erased profile and the profiles merged into it. Publishes nothing: platforms are
 * told about the customer by profile id, and an erased profile id is never used again.
 * Idempotent, so a redelivery is harmless.
 */
@Injectable()
export class ForgetProfileHandler {
  private readonly logger = new Logger(ForgetProfileHandler.name);

  constructor(private readonly eraser: PublishedRecommendationsEraser) {}

  async execute({ deleted }: ForgetProfileCommand): Promise<void> {
    for (const profileId of [deleted.profileId, ...deleted.mergedProfileIds]) await this.eraser.erase(profileId);
    this.logger.log(`forgot the recommendations of erased profile ${deleted.profileId} (deletion ${deleted.deletionId})`);
  }
}
