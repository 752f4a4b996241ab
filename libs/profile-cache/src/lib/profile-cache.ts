import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { JourneyState } from '@touchpoint/journey-model';
import { RedisClient } from '@touchpoint/redis';
import { journeyStateSchema } from './journey-state.schema';
import { noRecommendationsPublished, type PublishedRecommendations, publishedRecommendationsSchema } from './published-recommendations';

/** A cached state and the revision it was read at, for a conditional write back. */
export interface CachedJourney {
  readonly state: JourneyState;
  /** Opaque; changes whenever the stored state changes. */
  readonly revision: string;
}

const profileKey = (profileId: string): string => `profile:${profileId}`;
const recommendationKey = (profileId: string): string => `recommendation:${profileId}`;
const revisionOf = (stored: string): string => createHash('sha1').update(stored).digest('hex');

/**
 * Writes the state only if the stored one is still the one that was read (ARGV[1] is the
 * sha1 of what was read, '' for "nothing stored"), so two writers of one profile cannot
 * silently drop each other's change.
 */
const PUT_IF_REVISION = `
local current = redis.call('GET', KEYS[1])
local matches = (current == false and ARGV[1] == '') or (current ~= false and redis.sha1hex(current) == ARGV[1])
if not matches then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`;

/**
 * Journey states by profile (`profile:<profileId>`, JSON) and, per profile, what the
 * recommendation service last published (`recommendation:<profileId>`, a hash). Redis is a
 * cache: everything here can be rebuilt from the topics.
 */
@Injectable()
export class ProfileCache {
  constructor(private readonly client: RedisClient) {}

  async get(profileId: string): Promise<JourneyState | null> {
    return (await this.read(profileId))?.state ?? null;
  }

  async read(profileId: string): Promise<CachedJourney | null> {
    const stored = await this.client.redis.get(profileKey(profileId));
    if (stored === null) return null;
    const parsed = journeyStateSchema.safeParse(JSON.parse(stored));
    if (!parsed.success) throw new Error(`cached journey of ${profileId} is not a journey state: ${parsed.error.message}`);
    return { state: parsed.data, revision: revisionOf(stored) };
  }

  async put(state: JourneyState): Promise<void> {
    await this.client.redis.set(profileKey(state.profileId), JSON.stringify(state));
  }

  /** Writes `state` if the stored state is still at `revision` (null: if none is stored). Resolves false otherwise. */
  async putIfRevision(state: JourneyState, revision: string | null): Promise<boolean> {
    const written = await this.client.redis.eval(PUT_IF_REVISION, 1, profileKey(state.profileId), revision ?? '', JSON.stringify(state));
    return written === 1;
  }

  async delete(profileId: string): Promise<void> {
    await this.client.redis.del(profileKey(profileId));
  }

  async getPublishedRecommendations(profileId: string): Promise<PublishedRecommendations> {
    const fields = await this.client.redis.hgetall(recommendationKey(profileId));
    const retargeting = fields['retargeting'];
    const recommendations = fields['recommendations'];
    if (retargeting === undefined || recommendations === undefined) return noRecommendationsPublished;
    const parsed = publishedRecommendationsSchema.safeParse({ retargeting: JSON.parse(retargeting), recommendations: JSON.parse(recommendations) });
    if (!parsed.success) throw new Error(`published recommendations of ${profileId} are malformed: ${parsed.error.message}`);
    return parsed.data;
  }

  async putPublishedRecommendations(profileId: string, published: PublishedRecommendations): Promise<void> {
    // One HSET: both fields change together or not at all.
    await this.client.redis.hset(recommendationKey(profileId), {
      retargeting: JSON.stringify(published.retargeting),
      recommendations: JSON.stringify(published.recommendations),
    });
  }

  /** Forgets what was published for the profile (its erasure); the next decision starts from nothing told. */
  async deletePublishedRecommendations(profileId: string): Promise<void> {
    await this.client.redis.del(recommendationKey(profileId));
  }
}
