import { Inject, Injectable } from '@nestjs/common';
import { TouchpointError } from '@touchpoint/contracts';
import { IdentifierCache } from '../domain/identifier-cache';
import { normalizeIdentifier } from '../domain/identifiers';
import { IdentityGraph } from '../domain/identity-graph';
import { defaultIdentityRules, IDENTITY_RULES, type IdentityRules } from '../domain/identity-rules';
import type { LookupProfileQuery } from './lookup-profile.query';

/** Read-through: the cache answers when it can, Postgres otherwise, and the answer is cached. */
@Injectable()
export class LookupProfileHandler {
  constructor(
    private readonly graph: IdentityGraph,
    private readonly cache: IdentifierCache,
    @Inject(IDENTITY_RULES) private readonly rules: IdentityRules = defaultIdentityRules,
  ) {}

  async execute(query: LookupProfileQuery): Promise<{ profileId: string }> {
    const identifier = normalizeIdentifier(query.type, query.value, this.rules);
    const notFound = () => new TouchpointError('TP_PROFILE_NOT_FOUND', `no profile has ${query.type} ${identifier?.value ?? query.value}`);
    if (!identifier) throw notFound();
    const cached = await this.cache.get(identifier);
    if (cached) return { profileId: cached };
    const profileId = await this.graph.findProfileId(identifier);
    if (!profileId) throw notFound();
    await this.cache.update([{ identifier, profileId }], []);
    return { profileId };
  }
}
