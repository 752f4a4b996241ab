import { Injectable, Logger } from '@nestjs/common';
import { reactToErasure } from '../recommendation-rules/react-to-transition';
import { DecisionOutbox, RecommendationRecord } from '../recommendation-record/recommendation-record';
import type { ForgetProfileCommand } from './forget-profile.command';

/**
 * Erases the profile and the profiles merged into it: platforms are told to stop everything
 * under each id with reason `erased` (they must delete their copy), the state topic's keys
 * are tombstoned, and nothing else of them is kept. Idempotent, so a redelivery is harmless.
 */
@Injectable()
export class ForgetProfileHandler {
  private readonly logger = new Logger(ForgetProfileHandler.name);

  constructor(
    private readonly record: RecommendationRecord,
    private readonly outbox: DecisionOutbox,
  ) {}

  async execute({ deleted }: ForgetProfileCommand): Promise<void> {
    const profileIds = [...new Set([deleted.profileId, ...deleted.mergedProfileIds])];
    await this.record.erase(profileIds, deleted.deletionId, (states) =>
      [...states].map(([profileId, state]) => ({ profileId, ...reactToErasure(profileId, state, deleted), retiredInto: null, acceptedAt: new Map() })),
    );
    await this.outbox.publishPending(profileIds);
    this.logger.log(`erased the recommendations of profile ${deleted.profileId} (deletion ${deleted.deletionId})`);
  }
}
