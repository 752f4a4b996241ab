import { Module } from '@nestjs/common';
import { UnmergeProfileHandler } from './unmerge-profile.handler';
import { UnmergeProfileHttpController } from './unmerge-profile.http.controller';

@Module({ controllers: [UnmergeProfileHttpController], providers: [UnmergeProfileHandler] })
export class UnmergeProfileModule {}
