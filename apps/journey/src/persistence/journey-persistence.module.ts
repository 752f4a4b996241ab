import { Module } from '@nestjs/common';
import { ProfileCacheModule } from '@touchpoint/profile-cache';
import { JourneyStateRepository } from '../journey-state/journey-state.repository';
import { RedisJourneyStateRepository } from './redis-journey-state.repository';

/** Binds the journey state port to the Redis profile cache. Needs a global RedisModule. */
@Module({
  imports: [ProfileCacheModule],
  providers: [{ provide: JourneyStateRepository, useClass: RedisJourneyStateRepository }],
  exports: [JourneyStateRepository],
})
export class JourneyPersistenceModule {}
