import { Module } from '@nestjs/common';
import { ProfileCacheModule } from '@touchpoint/profile-cache';
import { RedisPublishedRecommendationsEraser } from '../persistence/redis-published-recommendations.eraser';
import { ForgetProfileHandler } from './forget-profile.handler';
import { ForgetProfileMessageController } from './forget-profile.message.controller';
import { PublishedRecommendationsEraser } from './published-recommendations.eraser';

/** GDPR erasure downstream of identity. Needs the global Kafka and Redis modules. */
@Module({
  imports: [ProfileCacheModule],
  providers: [
    { provide: PublishedRecommendationsEraser, useClass: RedisPublishedRecommendationsEraser },
    ForgetProfileHandler,
    ForgetProfileMessageController,
  ],
})
export class ForgetProfileModule {}
