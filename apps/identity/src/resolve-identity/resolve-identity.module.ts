import { Module } from '@nestjs/common';
import { MergeCounters } from '../metrics/merge-counters';
import { ResolveIdentityHandler } from './resolve-identity.handler';
import { ResolveIdentityMessageController } from './resolve-identity.message.controller';

@Module({
  controllers: [ResolveIdentityMessageController],
  providers: [ResolveIdentityHandler, MergeCounters],
})
export class ResolveIdentityModule {}
