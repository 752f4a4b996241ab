import { Module } from '@nestjs/common';
import { ProfileCacheModule } from '@touchpoint/profile-cache';
import { JourneyProfiles } from '../profiles/journey-profiles';
import { PublishedRecommendationsRepository } from '../apply-transition/published-recommendations.repository';
import { RedisJourneyProfiles } from './redis-journey-profiles';
import { RedisPublishedRecommendationsRepository } from './redis-published-recommendations.repository';

/** Binds the recommendation ports to the Redis profile cache. Needs a global RedisModule. */
@Module({
  imports: [ProfileCacheModule],
  providers: [
    { provide: JourneyProfiles, useClass: RedisJourneyProfiles },
    { provide: PublishedRecommendationsRepository, useClass: RedisPublishedRecommendationsRepository },
  ],
  exports: [JourneyProfiles, PublishedRecommendationsRepository],
})
export class RecommendationPersistenceModule {}
