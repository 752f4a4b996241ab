export { RedisModule } from './lib/redis.module';
export { RedisClient } from './lib/redis-client';
export type { RedisModuleOptions } from './lib/redis.module-definition';
export { RedisReadinessProbe } from './lib/redis.readiness-probe';
