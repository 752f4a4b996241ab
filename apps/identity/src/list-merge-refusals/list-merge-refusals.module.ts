import { Module } from '@nestjs/common';
import { ListMergeRefusalsHandler } from './list-merge-refusals.handler';
import { ListMergeRefusalsHttpController } from './list-merge-refusals.http.controller';

@Module({ controllers: [ListMergeRefusalsHttpController], providers: [ListMergeRefusalsHandler] })
export class ListMergeRefusalsModule {}
