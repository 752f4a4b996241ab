import { Module } from '@nestjs/common';
import { ListProfileMergesHandler } from './list-profile-merges.handler';
import { ListProfileMergesHttpController } from './list-profile-merges.http.controller';

@Module({ controllers: [ListProfileMergesHttpController], providers: [ListProfileMergesHandler] })
export class ListProfileMergesModule {}
