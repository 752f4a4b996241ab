import { Injectable } from '@nestjs/common';
import { type IdentifierType, type ProfileDeleted, Topics, TouchpointError } from '@touchpoint/contracts';
import { EventPublisher } from '@touchpoint/kafka';
import { IdentifierCache } from '../domain/identifier-cache';
import { IdentifierReader } from '../domain/identifier-reader';
import { IdentityGraph } from '../domain/identity-graph';
import { ProfileErasure } from '../domain/profile-erasure';
import type { DeleteProfileCommand } from './delete-profile.command';

export interface DeletionView {
  readonly deletionId: string;
  readonly profileId: string;
  readonly mergedProfileIds: readonly string[];
  readonly identifierCounts: Readonly<Partial<Record<IdentifierType, number>>>;
  readonly deletedAt: string;
}

/**
 * Erases in Postgres first (the source of truth), then drops the cache entries, then announces
 * tp.profile.deleted.v1 with an id derived from the deletion: a retry after a failed
 * announcement finds the profile erased, gets the same deletion back and announces it again.
 */
@Injectable()
export class DeleteProfileHandler {
  constructor(
    private readonly graph: IdentityGraph,
    private readonly erasure: ProfileErasure,
    private readonly cache: IdentifierCache,
    private readonly publisher: EventPublisher,
    private readonly identifierReader: IdentifierReader,
  ) {}

  async execute(command: DeleteProfileCommand): Promise<DeletionView> {
    const profileId = await this.profileIdOf(command);
    const outcome = await this.erasure.erase(profileId, command.requestedBy);
    if (outcome.status === 'missing') throw new TouchpointError('TP_PROFILE_NOT_FOUND', `no profile ${profileId}`);
    if (outcome.status === 'merged') {
      // Erasing the survivor is a bigger step than the caller asked for: let them take it knowingly.
      throw new TouchpointError('TP_PROFILE_NOT_FOUND', `profile ${profileId} was merged into ${outcome.mergedInto}`, { mergedInto: outcome.mergedInto });
    }
    const { erased } = outcome;
    await this.cache.update([], erased.removed);
    const deleted: ProfileDeleted = {
      deletionId: erased.deletionId,
      profileId: erased.profileId,
      mergedProfileIds: [...erased.mergedProfileIds],
      deletedAt: erased.deletedAt.toISOString(),
    };
    await this.publisher.publish(Topics.profileDeleted, [{ id: `deleted:${erased.deletionId}`, value: deleted, time: deleted.deletedAt }]);
    return { ...deleted, identifierCounts: erased.identifierCounts };
  }

  private async profileIdOf({ target }: DeleteProfileCommand): Promise<string> {
    if (target.kind === 'profile') return target.profileId;
    const identifier = this.identifierReader.fromRequest(target.type, target.value, target.chainId);
    const profileId = identifier ? await this.graph.findProfileId(identifier) : null;
    if (!profileId) throw new TouchpointError('TP_PROFILE_NOT_FOUND', `no profile has this ${target.type}`);
    return profileId;
  }
}
