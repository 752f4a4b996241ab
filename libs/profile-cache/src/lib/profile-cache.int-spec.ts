import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { segmentMessageSchema } from '@touchpoint/contracts';
import { applyEvent, emptyJourneyState, type JourneyState } from '@touchpoint/journey-model';
import { RedisModule } from '@touchpoint/redis';
import Redis from 'ioredis';
import { ProfileCache } from './profile-cache';
import { ProfileCacheModule } from './profile-cache.module';

const REDIS_URL = 'redis://127.0.0.1:6379/0';
const keyPrefix = `tp-test-profile-cache-${randomUUID()}:`;

function carted(profileId: string, productId: string, at: string): JourneyState {
  const event = segmentMessageSchema.parse({
    type: 'track',
    event: 'Product Added',
    messageId: `m-${productId}-${at}`,
    anonymousId: 'anon-1',
    properties: { product_id: productId },
    context: { channel: 'web' },
    timestamp: at,
    receivedAt: at,
  });
  return applyEvent(emptyJourneyState(profileId), event);
}

describe('ProfileCache against a real Redis', () => {
  let app: INestApplicationContext;
  let cache: ProfileCache;
  let raw: Redis;

  beforeAll(async () => {
    @Module({ imports: [RedisModule.forRoot({ url: REDIS_URL, keyPrefix }), ProfileCacheModule] })
    class TestModule {}
    app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    cache = app.get(ProfileCache);
    raw = new Redis(REDIS_URL);
  });

  afterAll(async () => {
    const keys = await raw.keys(`${keyPrefix}*`);
    if (keys.length > 0) await raw.del(...keys);
    await raw.quit();
    await app.close();
  });

  it('round-trips a journey state under profile:<id> with the configured prefix, and deletes it', async () => {
    const profileId = randomUUID();
    expect(await cache.get(profileId)).toBeNull();
    const state = carted(profileId, 'jacket-42', '2025-01-01T10:00:00.000Z');
    await cache.put(state);
    expect(await cache.get(profileId)).toEqual(state);
    expect(JSON.parse((await raw.get(`${keyPrefix}profile:${profileId}`)) ?? 'null')).toEqual(state);
    await cache.delete(profileId);
    expect(await cache.get(profileId)).toBeNull();
  });

  it('writes conditionally: only over the revision that was read, or over nothing', async () => {
    const profileId = randomUUID();
    const first = carted(profileId, 'jacket-42', '2025-01-01T10:00:00.000Z');
    expect(await cache.putIfRevision(first, null)).toBe(true);
    expect(await cache.putIfRevision(first, null)).toBe(false);

    const read = await cache.read(profileId);
    const second = carted(profileId, 'boots-11', '2025-01-02T10:00:00.000Z');
    await cache.put(second); // another writer got there first
    expect(await cache.putIfRevision(first, read?.revision ?? null)).toBe(false);
    expect(await cache.get(profileId)).toEqual(second);

    const reread = await cache.read(profileId);
    expect(await cache.putIfRevision(first, reread?.revision ?? null)).toBe(true);
    expect(await cache.get(profileId)).toEqual(first);
  });

  it('refuses a stored value that is not a journey state instead of handing it on', async () => {
    const profileId = randomUUID();
    await raw.set(`${keyPrefix}profile:${profileId}`, JSON.stringify({ profileId, products: 'nope' }));
    await expect(cache.get(profileId)).rejects.toThrow(/not a journey state/);
  });

  it('keeps what recommendation last published per profile, empty until written', async () => {
    const profileId = randomUUID();
    expect(await cache.getPublishedRecommendations(profileId)).toEqual({ retargeting: [], recommendations: [] });
    const published = {
      retargeting: ['jacket-42'],
      recommendations: [{ productId: 'gloves-7', rank: 1, reason: 'accessory_of_purchase' as const, becauseOf: 'jacket-42' }],
    };
    await cache.putPublishedRecommendations(profileId, published);
    expect(await cache.getPublishedRecommendations(profileId)).toEqual(published);
    expect(await raw.hkeys(`${keyPrefix}recommendation:${profileId}`)).toEqual(expect.arrayContaining(['retargeting', 'recommendations']));
    await cache.putPublishedRecommendations(profileId, { retargeting: [], recommendations: [] });
    expect(await cache.getPublishedRecommendations(profileId)).toEqual({ retargeting: [], recommendations: [] });
  });

  it('deletes what was published for a profile, leaving other profiles alone', async () => {
    const [erased, kept] = [randomUUID(), randomUUID()];
    const published = { retargeting: ['jacket-42'], recommendations: [] };
    await cache.putPublishedRecommendations(erased, published);
    await cache.putPublishedRecommendations(kept, published);
    await cache.deletePublishedRecommendations(erased);
    expect(await raw.exists(`${keyPrefix}recommendation:${erased}`)).toBe(0);
    expect(await raw.exists(`${keyPrefix}recommendation:${kept}`)).toBe(1);
  });
});
