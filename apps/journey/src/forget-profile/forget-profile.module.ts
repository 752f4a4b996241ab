import { Module } from '@nestjs/common';
import { JourneyPersistenceModule } from '../persistence/journey-persistence.module';
import { ForgetProfileHandler } from './forget-profile.handler';
import { ForgetProfileMessageController } from './forget-profile.message.controller';

/** GDPR erasure downstream of identity. Needs the global Kafka and Redis modules. */
@Module({
  imports: [JourneyPersistenceModule],
  providers: [ForgetProfileHandler, ForgetProfileMessageController],
})
export class ForgetProfileModule {}
