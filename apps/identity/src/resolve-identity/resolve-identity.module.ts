import { Module } from '@nestjs/common';
import { ResolveIdentityHandler } from './resolve-identity.handler';
import { ResolveIdentityMessageController } from './resolve-identity.message.controller';

@Module({
  controllers: [ResolveIdentityMessageController],
  providers: [ResolveIdentityHandler],
})
export class ResolveIdentityModule {}
