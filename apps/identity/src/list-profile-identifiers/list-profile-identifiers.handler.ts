import { Injectable } from '@nestjs/common';
import { type Identifier, TouchpointError } from '@touchpoint/contracts';
import { IdentityGraph } from '../domain/identity-graph';
import type { ListProfileIdentifiersQuery } from './list-profile-identifiers.query';

export interface ProfileIdentifiersView {
  readonly profileId: string;
  readonly identifiers: readonly Identifier[];
}

@Injectable()
export class ListProfileIdentifiersHandler {
  constructor(private readonly graph: IdentityGraph) {}

  async execute(query: ListProfileIdentifiersQuery): Promise<ProfileIdentifiersView> {
    const profile = await this.graph.identifiersOf(query.profileId);
    if (!profile) throw new TouchpointError('TP_PROFILE_NOT_FOUND', `no profile ${query.profileId}`);
    if (profile.status === 'merged') {
      // The caller holds an id from before a merge; tell it where the customer lives now.
      throw new TouchpointError('TP_PROFILE_NOT_FOUND', `profile ${query.profileId} was merged into ${profile.mergedInto}`, {
        mergedInto: profile.mergedInto,
      });
    }
    return { profileId: profile.profileId, identifiers: profile.identifiers };
  }
}
