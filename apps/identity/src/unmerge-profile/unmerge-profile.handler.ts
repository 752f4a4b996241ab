import { Injectable } from '@nestjs/common';
import { type ProfilesUnmerged, Topics, TouchpointError } from '@touchpoint/contracts';
import { EventPublisher } from '@touchpoint/kafka';
import { IdentifierCache } from '../domain/identifier-cache';
import { MergeCounters } from '../metrics/merge-counters';
import type { UnmergeRecord } from '../domain/profile-history';
import { ProfileUnmerge } from '../domain/profile-unmerge';
import type { UnmergeProfileCommand } from './unmerge-profile.command';

/**
 * Splits the merge in Postgres first, then drops the cache entries of the identifiers that
 * went back, then announces tp.identity.unmerged.v1 under the survivor's key (after the merges
 * announced there) with an id derived from the merge. Asking again answers the same unmerge
 * and announces it again, so a retry after a failed announcement is safe and changes nothing.
 */
@Injectable()
export class UnmergeProfileHandler {
  constructor(
    private readonly unmerges: ProfileUnmerge,
    private readonly cache: IdentifierCache,
    private readonly publisher: EventPublisher,
    private readonly counters: MergeCounters,
  ) {}

  async execute(command: UnmergeProfileCommand): Promise<UnmergeRecord> {
    const outcome = await this.unmerges.unmerge(command.profileId, command.mergeId, command.requestedBy);
    if (outcome.status === 'not_found') {
      throw new TouchpointError('TP_UNMERGE_NOT_FOUND', `profile ${command.profileId} took part in no merge ${command.mergeId}`, { mergeId: command.mergeId });
    }
    if (outcome.status === 'conflict') {
      throw new TouchpointError('TP_UNMERGE_CONFLICT', `merge ${command.mergeId} cannot be undone: ${outcome.reason.replace('_', ' ')}`, {
        reason: outcome.reason,
        blockedBy: outcome.blockedBy,
      });
    }
    const { unmerge } = outcome;
    await this.cache.update([], unmerge.restoredIdentifiers);
    const message: ProfilesUnmerged = {
      unmergeId: unmerge.unmergeId,
      mergeId: unmerge.mergeId,
      survivorProfileId: unmerge.survivorProfileId,
      restoredProfileId: unmerge.restoredProfileId,
      restoredMergedProfileIds: [...unmerge.restoredMergedProfileIds],
      restoredIdentifiers: [...unmerge.restoredIdentifiers],
      linkedBy: unmerge.linkedBy,
      causedByMessageId: unmerge.causedByMessageId,
      causedByProfileId: unmerge.causedByProfileId,
      unmergedAt: unmerge.unmergedAt.toISOString(),
    };
    await this.publisher.publish(Topics.identityUnmerged, [{ id: unmerge.unmergeId, value: message, time: message.unmergedAt }]);
    this.counters.unmerged();
    return unmerge;
  }
}
