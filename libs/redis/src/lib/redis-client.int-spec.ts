import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { RedisClient } from './redis-client';
import { RedisModule } from './redis.module';
import { RedisReadinessProbe } from './redis.readiness-probe';

const REDIS_URL = 'redis://127.0.0.1:6379/0';

describe('RedisModule against a real Redis', () => {
  const keyPrefix = `tp-test-${randomUUID()}:`;
  let app: INestApplicationContext;
  let raw: Redis;

  beforeAll(async () => {
    raw = new Redis(REDIS_URL);
    @Module({ imports: [RedisModule.forRoot({ url: REDIS_URL, keyPrefix })], providers: [RedisReadinessProbe] })
    class TestModule {}
    app = await NestFactory.createApplicationContext(TestModule, { logger: false });
  });

  afterAll(async () => {
    const keys = await raw.keys(`${keyPrefix}*`);
    if (keys.length > 0) await raw.del(...keys);
    await raw.quit();
    await app.close();
  });

  it('prefixes every key so installations and test runs can share one Redis', async () => {
    await app.get(RedisClient).redis.set('greeting', 'hello');
    expect(await raw.get(`${keyPrefix}greeting`)).toBe('hello');
    expect(await raw.get('greeting')).toBeNull();
  });

  it('reports ready while Redis answers', async () => {
    await expect(app.get(RedisReadinessProbe).check()).resolves.toBeUndefined();
  });
});
