import { Injectable } from '@nestjs/common';
import { ProfileCache } from '@touchpoint/profile-cache';
import { PublishedRecommendationsEraser } from '../forget-profile/published-recommendations.eraser';

@Injectable()
export class RedisPublishedRecommendationsEraser extends PublishedRecommendationsEraser {
  constructor(private readonly cache: ProfileCache) {
    super();
  }

  erase(profileId: string): Promise<void> {
    return this.cache.deletePublishedRecommendations(profileId);
  }
}
