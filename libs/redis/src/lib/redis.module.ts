import { Module } from '@nestjs/common';
import { RedisClient } from './redis-client';
import { RedisConfigurableModule } from './redis.module-definition';

/** `RedisModule.forRoot({ url, keyPrefix })` or `forRootAsync(...)`. */
@Module({ providers: [RedisClient], exports: [RedisClient] })
export class RedisModule extends RedisConfigurableModule {}
