import { Injectable } from '@nestjs/common';
import { ProfileCache } from '@touchpoint/profile-cache';
import { PublishedRecommendationsRepository } from '../apply-transition/published-recommendations.repository';
import type { Decisions } from '../recommendation-rules/decide';

@Injectable()
export class RedisPublishedRecommendationsRepository extends PublishedRecommendationsRepository {
  constructor(private readonly cache: ProfileCache) {
    super();
  }

  get(profileId: string): Promise<Decisions> {
    return this.cache.getPublishedRecommendations(profileId);
  }

  put(profileId: string, decisions: Decisions): Promise<void> {
    return this.cache.putPublishedRecommendations(profileId, { retargeting: [...decisions.retargeting], recommendations: [...decisions.recommendations] });
  }
}
