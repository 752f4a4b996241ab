import { Injectable } from '@nestjs/common';
import { TouchpointError } from '@touchpoint/contracts';
import { IdentifierCache } from '../domain/identifier-cache';
import { IdentifierReader } from '../domain/identifier-reader';
import { IdentityGraph } from '../domain/identity-graph';
import type { LookupProfileQuery } from './lookup-profile.query';

/** Read-through: the cache answers when it can, Postgres otherwise, and the answer is cached. */
@Injectable()
export class LookupProfileHandler {
  constructor(
    private readonly graph: IdentityGraph,
    private readonly cache: IdentifierCache,
    private readonly identifierReader: IdentifierReader,
  ) {}

  async execute(query: LookupProfileQuery): Promise<{ profileId: string }> {
    const identifier =
      query.hashed && (query.type === 'email' || query.type === 'phone')
        ? this.identifierReader.fromHash(query.type, query.value)
        : this.identifierReader.fromRequest(query.type, query.value, query.chainId);
    // The answer never echoes the value: for email and phone it is what the caller must not leak.
    const notFound = () => new TouchpointError('TP_PROFILE_NOT_FOUND', `no profile has this ${query.type}`);
    if (!identifier) throw notFound();
    const cached = await this.cache.get(identifier);
    if (cached) return { profileId: cached };
    const profileId = await this.graph.findProfileId(identifier);
    if (!profileId) throw notFound();
    await this.cache.update([{ identifier, profileId }], []);
    return { profileId };
  }
}
