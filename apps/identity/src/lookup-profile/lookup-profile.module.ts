import { Module } from '@nestjs/common';
import { LookupProfileHandler } from './lookup-profile.handler';
import { LookupProfileHttpController } from './lookup-profile.http.controller';

@Module({ controllers: [LookupProfileHttpController], providers: [LookupProfileHandler] })
export class LookupProfileModule {}
