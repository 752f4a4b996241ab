import { Module } from '@nestjs/common';
import { RecommendationPersistenceModule } from '../persistence/recommendation-persistence.module';
import { ForgetProfileHandler } from './forget-profile.handler';
import { ForgetProfileMessageController } from './forget-profile.message.controller';

/** GDPR erasure downstream of identity. Needs the global Kafka and Redis modules. */
@Module({
  imports: [RecommendationPersistenceModule],
  providers: [ForgetProfileHandler, ForgetProfileMessageController],
})
export class ForgetProfileModule {}
