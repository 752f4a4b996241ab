import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadServiceConfig } from '@touchpoint/config';
import { type JourneyTransitionV2, type RecommendationMessage, Topics } from '@touchpoint/contracts';
import { EventPublisher } from '@touchpoint/kafka';
import { startTestKafka, type TestKafka, testKafkaKind } from '@touchpoint/kafka-testing';
import { TopicWatcher } from '@touchpoint/system-harness';
import Redis from 'ioredis';
import { RecommendationAppModule } from './app/recommendation-app.module';
import { boughtInStore, carted, returned, summary } from './testing/journey-view';
import { changed, retired } from './testing/transitions';

const REDIS_URL = 'redis://127.0.0.1:6379/0';

/**
 * Recommendation alone, fed v2 transitions by hand as journey would publish them, against a
 * real broker and Redis; in this process so its HTTP API can be injected.
 */
describe(`recommendation against the ${testKafkaKind()} and a real Redis`, () => {
  const keyPrefix = `tp-test-recommendation-${randomUUID()}:`;
  let broker: TestKafka;
  let app: NestFastifyApplication;
  let watcher: TopicWatcher;
  let raw: Redis;

  const get = (url: string) => app.getHttpAdapter().getInstance().inject({ method: 'GET', url });
  const publish = async (...transitions: JourneyTransitionV2[]): Promise<void> => {
    await app.get(EventPublisher).publish(
      Topics.journeyTransitions,
      transitions.map((value) => ({ id: value.transitionId, value })),
    );
  };
  const told = (what: string, match: (m: RecommendationMessage) => boolean) => watcher.waitFor<RecommendationMessage>(Topics.recommendations.name, match, 20_000, what);
  const allTold = (profileId: string) => watcher.all<RecommendationMessage>(Topics.recommendations.name, (m) => m.profileId === profileId).map((m) => m.value);

  beforeAll(async () => {
    broker = await startTestKafka();
    const env = { KAFKA_BROKERS: broker.address, REDIS_URL, REDIS_KEY_PREFIX: keyPrefix, LOG_LEVEL: 'warn' };
    const config = loadServiceConfig('recommendation', env);
    app = await NestFactory.create<NestFastifyApplication>(RecommendationAppModule.forRoot(config), new FastifyAdapter(), { logger: ['error'] });
    app.enableShutdownHooks();
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    watcher = new TopicWatcher([broker.address]);
    await watcher.start([Topics.recommendations.name]);
    raw = new Redis(REDIS_URL);
  }, 90_000);

  afterAll(async () => {
    await watcher?.stop();
    await app?.close();
    await broker?.dispose();
    const keys = await raw.keys(`${keyPrefix}*`);
    if (keys.length > 0) await raw.del(...keys);
    await raw.quit();
  });

  it('starts retargeting on a cart, stops it for a store purchase, recommends accessories, ignores a redelivery, and the pull API agrees', async () => {
    const profileId = randomUUID();
    const bought = boughtInStore('2025-03-03T10:00:00.000Z');
    const cart = changed(profileId, `cart-${profileId}`, { 'jacket-42': carted() });
    const order = changed(profileId, `order-${profileId}`, { 'jacket-42': bought }, { summary: summary({ stage: 'action' }), occurredAt: '2025-03-03T10:00:00.000Z' });
    await publish(cart);
    await told('retargeting.started', (m) => m.profileId === profileId && m.type === 'retargeting.started');
    await publish(order);
    await told('recommendations.updated', (m) => m.profileId === profileId && m.type === 'recommendations.updated');

    const answer = await get(`/v1/profiles/${profileId}/recommendations`);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      profileId,
      stage: 'action',
      retargeting: [],
      recommendations: [
        expect.objectContaining({ productId: 'gloves-7', rank: 1, becauseOf: 'jacket-42', name: 'Leather gloves' }),
        expect.objectContaining({ productId: 'scarf-3', rank: 2 }),
        expect.objectContaining({ productId: 'beanie-9', rank: 3 }),
      ],
    });

    // Journey redelivers both; the return after them is the marker that they were read.
    const refund = changed(profileId, `return-${profileId}`, { 'jacket-42': returned(bought, '2025-03-10T10:00:00.000Z') }, { summary: summary({ stage: 'action' }) });
    await publish(cart, order, refund);
    await told('cleared recommendations', (m) => m.profileId === profileId && m.type === 'recommendations.updated' && m.items.length === 0);

    expect(allTold(profileId)).toEqual([
      expect.objectContaining({ id: `retargeting.started:${profileId}:jacket-42:${cart.transitionId}`, type: 'retargeting.started', productId: 'jacket-42' }),
      expect.objectContaining({ type: 'retargeting.stopped', productId: 'jacket-42', reason: 'purchased_in_store', causedByMessageId: `order-${profileId}`, occurredAt: '2025-03-03T10:00:00.000Z' }),
      expect.objectContaining({
        id: `recommendations.updated:${profileId}:${order.transitionId}`,
        items: [
          { productId: 'gloves-7', rank: 1, reason: 'accessory_of_purchase', becauseOf: 'jacket-42' },
          { productId: 'scarf-3', rank: 2, reason: 'accessory_of_purchase', becauseOf: 'jacket-42' },
          { productId: 'beanie-9', rank: 3, reason: 'accessory_of_purchase', becauseOf: 'jacket-42' },
        ],
      }),
      expect.objectContaining({ id: `recommendations.updated:${profileId}:${refund.transitionId}`, items: [], causedByMessageId: `return-${profileId}` }),
    ]);
  }, 60_000);

  it('withdraws under a merged-away id everything started there, keeps nothing to answer for it, and decides the survivor from its own transition', async () => {
    const mergedAway = randomUUID();
    const survivor = randomUUID();
    const mergeId = `merge-${mergedAway}`;
    const products = { 'jacket-42': carted(), 'boots-11': boughtInStore('2025-03-01T10:00:00.000Z') };
    await publish(changed(mergedAway, `cart-${mergedAway}`, products));
    await told('recommendations under the merged-away id', (m) => m.profileId === mergedAway && m.type === 'recommendations.updated');

    const retire = retired(mergedAway, survivor, mergeId);
    const merged = changed(survivor, mergeId, products, { causeKind: 'merge', mergedProfileIds: [mergedAway] });
    await publish(retire);
    await publish(merged);
    await told('retargeting.started under the survivor', (m) => m.profileId === survivor && m.type === 'retargeting.started');
    // The emptied list is the last message the retirement sends: once it is here, so is everything before it.
    await told('cleared recommendations under the merged-away id', (m) => m.profileId === mergedAway && m.type === 'recommendations.updated' && m.items.length === 0);

    expect(allTold(mergedAway)).toEqual([
      expect.objectContaining({ type: 'retargeting.started', productId: 'jacket-42' }),
      expect.objectContaining({ type: 'recommendations.updated', items: [expect.objectContaining({ productId: 'socks-2' }), expect.objectContaining({ productId: 'polish-5' })] }),
      expect.objectContaining({ id: `retargeting.stopped:${mergedAway}:jacket-42:${retire.transitionId}`, type: 'retargeting.stopped', productId: 'jacket-42', reason: 'profile_merged', causedByMessageId: mergeId }),
      expect.objectContaining({ id: `recommendations.updated:${mergedAway}:${retire.transitionId}`, items: [] }),
    ]);
    await told('recommendations under the survivor', (m) => m.profileId === survivor && m.type === 'recommendations.updated');
    expect(allTold(survivor)).toEqual([
      expect.objectContaining({ id: `retargeting.started:${survivor}:jacket-42:${merged.transitionId}`, productId: 'jacket-42', causedByMessageId: mergeId }),
      expect.objectContaining({ id: `recommendations.updated:${survivor}:${merged.transitionId}`, causedByMessageId: mergeId }),
    ]);
    expect((await get(`/v1/profiles/${mergedAway}/recommendations`)).statusCode).toBe(404);
    expect(await raw.exists(`${keyPrefix}rec:v2:told:${mergedAway}`)).toBe(0);
    expect((await get(`/v1/profiles/${survivor}/recommendations`)).json()).toMatchObject({ retargeting: ['jacket-42'] });
  }, 60_000);

  it('forgets an erased profile: its keys go and the pull API no longer knows it', async () => {
    const profileId = randomUUID();
    await publish(changed(profileId, `cart-${profileId}`, { 'jacket-42': carted() }));
    await told('retargeting.started', (m) => m.profileId === profileId && m.type === 'retargeting.started');
    await app.get(EventPublisher).publish(Topics.profileDeleted, [
      { id: `deleted-${profileId}`, value: { deletionId: randomUUID(), profileId, mergedProfileIds: [], deletedAt: '2026-01-01T10:00:00.000Z' } },
    ]);

    const deadline = Date.now() + 20_000;
    while ((await raw.exists(`${keyPrefix}rec:v2:view:${profileId}`)) === 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await raw.exists(`${keyPrefix}rec:v2:view:${profileId}`, `${keyPrefix}rec:v2:told:${profileId}`)).toBe(0);
    expect((await get(`/v1/profiles/${profileId}/recommendations`)).statusCode).toBe(404);
  }, 60_000);

  it('answers 404 TP_PROFILE_NOT_FOUND for an unknown profile and 400 TP_REQUEST_INVALID for an id that is not a UUID', async () => {
    const unknown = await get(`/v1/profiles/${randomUUID()}/recommendations`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'TP_PROFILE_NOT_FOUND' });

    const invalid = await get('/v1/profiles/not-a-uuid/recommendations');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'TP_REQUEST_INVALID', details: [expect.objectContaining({ parameter: 'id' })] });
  });
});
