import { Module } from '@nestjs/common';
import { ProfileCache } from './profile-cache';

/** Provides `ProfileCache`; needs `RedisModule.forRoot(...)` (global) in the application. */
@Module({ providers: [ProfileCache], exports: [ProfileCache] })
export class ProfileCacheModule {}
