import { Module } from '@nestjs/common';
import { ListProfileIdentifiersHandler } from './list-profile-identifiers.handler';
import { ListProfileIdentifiersHttpController } from './list-profile-identifiers.http.controller';

@Module({ controllers: [ListProfileIdentifiersHttpController], providers: [ListProfileIdentifiersHandler] })
export class ListProfileIdentifiersModule {}
