import type { Identifier } from '@touchpoint/contracts';
import { type CachedAssignment, IdentifierCache } from '../domain/identifier-cache';
import { IdentityGraph, type ProfileIdentifiers, type Resolution } from '../domain/identity-graph';
import { card, testHasher, testIdentifierReader } from '../testing/test-identifier-reader';
import { LookupProfileHandler } from './lookup-profile.handler';
import { LookupProfileQuery } from './lookup-profile.query';
import { lookupProfileRequestSchema } from './lookup-profile.request.dto';

const PROFILE = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';

class MapGraph extends IdentityGraph {
  readonly lookups: Identifier[] = [];
  constructor(private readonly entries: Map<string, string>) {
    super();
  }
  resolve(): Promise<Resolution> {
    throw new Error('not used');
  }
  async findProfileId(identifier: Identifier): Promise<string | null> {
    this.lookups.push(identifier);
    return this.entries.get(`${identifier.type}:${identifier.value}`) ?? null;
  }
  async identifiersOf(): Promise<ProfileIdentifiers | null> {
    return null;
  }
}

class MapCache extends IdentifierCache {
  readonly entries = new Map<string, string>();
  async get(identifier: Identifier): Promise<string | null> {
    return this.entries.get(`${identifier.type}:${identifier.value}`) ?? null;
  }
  async update(assign: readonly CachedAssignment[]): Promise<void> {
    for (const { identifier, profileId } of assign) this.entries.set(`${identifier.type}:${identifier.value}`, profileId);
  }
}

const emailHash = testHasher.emailHash('sanne@example.com');
const reader = testIdentifierReader();

describe('LookupProfileHandler', () => {
  it('keys a plain email with the shared secret, reads Postgres on a cache miss and caches the answer', async () => {
    const graph = new MapGraph(new Map([[`email:${emailHash}`, PROFILE]]));
    const cache = new MapCache();
    const handler = new LookupProfileHandler(graph, cache, reader);
    await expect(handler.execute(new LookupProfileQuery('email', ' Sanne@Example.com'))).resolves.toEqual({ profileId: PROFILE });
    expect(graph.lookups).toEqual([{ type: 'email', value: emailHash }]);
    expect(cache.entries.get(`email:${emailHash}`)).toBe(PROFILE);

    await expect(handler.execute(new LookupProfileQuery('email', 'sanne@example.com'))).resolves.toEqual({ profileId: PROFILE });
    expect(graph.lookups).toHaveLength(1);
  });

  it('finds an email by its keyed hash when the caller hashed it already', async () => {
    const graph = new MapGraph(new Map([[`email:${emailHash}`, PROFILE]]));
    const handler = new LookupProfileHandler(graph, new MapCache(), reader);
    await expect(handler.execute(new LookupProfileQuery('email', emailHash ?? '', undefined, true))).resolves.toEqual({ profileId: PROFILE });
    expect(graph.lookups).toEqual([{ type: 'email', value: emailHash }]);
    expect(lookupProfileRequestSchema.safeParse({ type: 'loyaltyId', value: 'L-1', hashed: 'true' }).success).toBe(false);
    expect(lookupProfileRequestSchema.safeParse({ type: 'email', value: 'sanne@example.com', hashed: 'true' }).success).toBe(false);
  });

  it('answers TP_PROFILE_NOT_FOUND for unknown and placeholder identifiers', async () => {
    const graph = new MapGraph(new Map());
    const handler = new LookupProfileHandler(graph, new MapCache(), reader);
    await expect(handler.execute(new LookupProfileQuery('loyaltyId', 'L-404'))).rejects.toMatchObject({ code: 'TP_PROFILE_NOT_FOUND' });
    await expect(handler.execute(new LookupProfileQuery('anonymousId', 'anonymous'))).rejects.toMatchObject({ code: 'TP_PROFILE_NOT_FOUND' });
    expect(graph.lookups).toEqual([{ type: 'loyaltyId', value: card('L-404') }]);
  });
});
