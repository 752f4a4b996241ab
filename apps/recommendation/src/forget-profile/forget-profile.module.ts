import { Module } from '@nestjs/common';
import { ForgetProfileHandler } from './forget-profile.handler';
import { ForgetProfileMessageController } from './forget-profile.message.controller';

/** GDPR erasure downstream of identity. Needs the global Kafka and recommendation persistence modules. */
@Module({
  providers: [ForgetProfileHandler, ForgetProfileMessageController],
})
export class ForgetProfileModule {}
