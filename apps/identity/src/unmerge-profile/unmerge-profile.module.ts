import { Module } from '@nestjs/common';
import { MergeCounters } from '../metrics/merge-counters';
import { UnmergeProfileHandler } from './unmerge-profile.handler';
import { UnmergeProfileHttpController } from './unmerge-profile.http.controller';

@Module({ controllers: [UnmergeProfileHttpController], providers: [UnmergeProfileHandler, MergeCounters] })
export class UnmergeProfileModule {}
