import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { RedisModule } from '@touchpoint/redis';
import Redis from 'ioredis';
import type { Decisions } from '../recommendation-rules/decide';
import type { RecommendationState } from '../recommendation-view/recommendation-state';
import { RecommendationStateRepository } from '../recommendation-view/recommendation-state.repository';
import { boughtInStore, carted, summary } from '../testing/journey-view';
import { RecommendationPersistenceModule } from './recommendation-persistence.module';
import { RETIRED_VIEW_TTL_SECONDS } from './redis-recommendation-state.repository';

const REDIS_URL = 'redis://127.0.0.1:6379/0';
const keyPrefix = `tp-test-recommendation-state-${randomUUID()}:`;

const live: RecommendationState = {
  view: { products: { 'jacket-42': boughtInStore('2025-03-03T10:00:00.000Z'), 'boots-11': carted() }, summary: summary({ stage: 'action' }), recentTransitionIds: ['t-2', 't-1'], retired: null },
  told: { retargeting: ['boots-11'], recommendations: [{ productId: 'gloves-7', rank: 1, reason: 'accessory_of_purchase', becauseOf: 'jacket-42' }] },
};

describe('RedisRecommendationStateRepository against a real Redis', () => {
  let app: INestApplicationContext;
  let states: RecommendationStateRepository;
  let raw: Redis;
  const viewKey = (profileId: string) => `${keyPrefix}rec:v2:view:${profileId}`;
  const toldKey = (profileId: string) => `${keyPrefix}rec:v2:told:${profileId}`;

  beforeAll(async () => {
    @Module({ imports: [RedisModule.forRoot({ url: REDIS_URL, keyPrefix }), RecommendationPersistenceModule] })
    class TestModule {}
    app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    states = app.get(RecommendationStateRepository);
    raw = new Redis(REDIS_URL);
  });

  afterAll(async () => {
    const keys = await raw.keys(`${keyPrefix}*`);
    if (keys.length > 0) await raw.del(...keys);
    await raw.quit();
    await app.close();
  });

  it('keeps the view and what was told under its own versioned keys and reads them back', async () => {
    const profileId = randomUUID();
    expect(await states.get(profileId)).toBeNull();
    await states.put(profileId, live);
    expect(await states.get(profileId)).toEqual(live);
    expect(await states.getView(profileId)).toEqual(live.view);
    expect(await raw.exists(viewKey(profileId), toldKey(profileId))).toBe(2);
    expect(await raw.ttl(viewKey(profileId))).toBe(-1);
  });

  it('writes the view and what was told together: a put that cannot store what was told stores no view either', async () => {
    const profileId = randomUUID();
    await states.put(profileId, live);
    const unstorable = { retargeting: ['boots-11'], recommendations: [{ productId: 'x', rank: 0, reason: 'accessory_of_purchase', becauseOf: null }] } as Decisions;
    await expect(states.put(profileId, { view: { ...live.view, recentTransitionIds: ['t-3', 't-2', 't-1'] }, told: unstorable })).rejects.toThrow();
    expect(await states.get(profileId)).toEqual(live);
  });

  it('keeps only the view of a retired profile, for a week, with nothing told', async () => {
    const profileId = randomUUID();
    await states.put(profileId, live);
    const tombstone = { products: {}, summary: null, recentTransitionIds: ['t-3', 't-2', 't-1'], retired: { survivorProfileId: randomUUID() } };
    await states.put(profileId, { view: tombstone, told: { retargeting: [], recommendations: [] } });
    expect(await raw.exists(toldKey(profileId))).toBe(0);
    expect(await raw.ttl(viewKey(profileId))).toBeGreaterThan(RETIRED_VIEW_TTL_SECONDS - 60);
    expect(await states.get(profileId)).toEqual({ view: tombstone, told: { retargeting: [], recommendations: [] } });
  });

  it('forgets a profile entirely and leaves the others', async () => {
    const erased = randomUUID();
    const kept = randomUUID();
    await states.put(erased, live);
    await states.put(kept, live);
    await states.forget(erased);
    expect(await raw.exists(viewKey(erased), toldKey(erased))).toBe(0);
    expect(await states.get(erased)).toBeNull();
    expect(await states.get(kept)).toEqual(live);
  });

  it('refuses a stored value that is not the shape of its version, naming the key', async () => {
    const profileId = randomUUID();
    await raw.set(viewKey(profileId), JSON.stringify({ products: { 'jacket-42': { cartedAt: 1 } } }));
    await expect(states.get(profileId)).rejects.toThrow(`rec:v2:view:${profileId}`);
  });
});
