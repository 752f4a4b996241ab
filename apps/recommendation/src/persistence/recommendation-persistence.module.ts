import { Module } from '@nestjs/common';
import { RecommendationStateRepository } from '../recommendation-view/recommendation-state.repository';
import { RedisRecommendationStateRepository } from './redis-recommendation-state.repository';

/** Binds recommendation's state port to its own Redis keys. Needs a global RedisModule. */
@Module({
  providers: [{ provide: RecommendationStateRepository, useClass: RedisRecommendationStateRepository }],
  exports: [RecommendationStateRepository],
})
export class RecommendationPersistenceModule {}
