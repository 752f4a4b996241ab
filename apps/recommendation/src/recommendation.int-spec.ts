import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadServiceConfig } from '@touchpoint/config';
import { type RecommendationMessage, type ResolvedEvent, segmentMessageSchema, Topics } from '@touchpoint/contracts';
import { EventPublisher } from '@touchpoint/kafka';
import { startTestKafka, type TestKafka, testKafkaKind } from '@touchpoint/kafka-testing';
import { freePort, type ServiceProcess, spawnEntry, TopicWatcher, waitUntilReady } from '@touchpoint/system-harness';
import Redis from 'ioredis';
import { RecommendationAppModule } from './app/recommendation-app.module';

const REDIS_URL = 'redis://127.0.0.1:6379/0';

function resolvedEvent(profileId: string, messageId: string, event: string, properties: Record<string, unknown>, timestamp: string, channel: 'web' | 'store'): ResolvedEvent {
  return {
    profileId,
    identifiers: [{ type: 'anonymousId', value: `anon-${profileId}` }],
    event: segmentMessageSchema.parse({
      type: 'track',
      messageId,
      anonymousId: `anon-${profileId}`,
      event,
      properties,
      context: channel === 'store' ? { channel, storeId: 'store-amsterdam-01', loyaltyId: `L-${profileId}` } : { channel },
      timestamp,
      receivedAt: timestamp,
    }),
  };
}

/**
 * The story through both services: journey runs as its own process (as in production; apps
 * do not import each other), recommendation in this process so its HTTP API can be injected.
 */
describe(`journey and recommendation against the ${testKafkaKind()} and a real Redis`, () => {
  const keyPrefix = `tp-test-recommendation-${randomUUID()}:`;
  let broker: TestKafka;
  let journey: ServiceProcess;
  let app: NestFastifyApplication;
  let watcher: TopicWatcher;

  const get = (url: string) => app.getHttpAdapter().getInstance().inject({ method: 'GET', url });
  const publishResolved = async (value: ResolvedEvent): Promise<void> => {
    await app.get(EventPublisher).publish(Topics.eventsResolved, [{ id: value.event.messageId, value }]);
  };
  const recommendation = (what: string, match: (m: RecommendationMessage) => boolean) =>
    watcher.waitFor<RecommendationMessage>(Topics.recommendations.name, match, 20_000, what);

  beforeAll(async () => {
    broker = await startTestKafka();
    const env = { KAFKA_BROKERS: broker.address, REDIS_URL, REDIS_KEY_PREFIX: keyPrefix, LOG_LEVEL: 'warn' };

    const journeyPort = await freePort();
    journey = spawnEntry('journey', 'apps/journey/src/main.ts', { ...env, JOURNEY_HTTP_PORT: String(journeyPort), HTTP_HOST: '127.0.0.1' });
    const config = loadServiceConfig('recommendation', env);
    app = await NestFactory.create<NestFastifyApplication>(RecommendationAppModule.forRoot(config), new FastifyAdapter(), { logger: ['error'] });
    app.enableShutdownHooks();
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    await waitUntilReady(journey, `http://127.0.0.1:${journeyPort}/health/ready`);

    watcher = new TopicWatcher([broker.address]);
    await watcher.start([Topics.recommendations.name]);
  }, 90_000);

  afterAll(async () => {
    await watcher?.stop();
    await app?.close();
    await journey?.stop();
    await broker?.dispose();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('starts retargeting on a web cart, stops it for a store purchase, recommends accessories, and the pull API agrees', async () => {
    const profileId = randomUUID();
    const jacket = { product_id: 'jacket-42', name: 'Rain jacket', price: 199 };
    await publishResolved(resolvedEvent(profileId, `cart-${profileId}`, 'Product Added', jacket, '2025-03-01T10:00:00.000Z', 'web'));
    await recommendation('retargeting.started', (m) => m.profileId === profileId && m.type === 'retargeting.started');

    await publishResolved(
      resolvedEvent(profileId, `order-${profileId}`, 'Order Completed', { order_id: `o-${profileId}`, total: 199, products: [jacket] }, '2025-03-03T10:00:00.000Z', 'store'),
    );
    await recommendation('recommendations.updated', (m) => m.profileId === profileId && m.type === 'recommendations.updated');

    const told = watcher.all<RecommendationMessage>(Topics.recommendations.name, (m) => m.profileId === profileId).map((m) => m.value);
    expect(told).toEqual([
      expect.objectContaining({ id: `retargeting.started:${profileId}:jacket-42:cart-${profileId}`, type: 'retargeting.started', productId: 'jacket-42' }),
      expect.objectContaining({ type: 'retargeting.stopped', productId: 'jacket-42', reason: 'purchased_in_store', causedByMessageId: `order-${profileId}` }),
      expect.objectContaining({
        id: `recommendations.updated:${profileId}:order-${profileId}`,
        type: 'recommendations.updated',
        items: [
          { productId: 'gloves-7', rank: 1, reason: 'accessory_of_purchase', becauseOf: 'jacket-42' },
          { productId: 'scarf-3', rank: 2, reason: 'accessory_of_purchase', becauseOf: 'jacket-42' },
          { productId: 'beanie-9', rank: 3, reason: 'accessory_of_purchase', becauseOf: 'jacket-42' },
        ],
      }),
    ]);

    // Journey saves the state right after publishing the transition: poll the live answer.
    const deadline = Date.now() + 5_000;
    let answer = await get(`/v1/profiles/${profileId}/recommendations`);
    while ((answer.statusCode !== 200 || answer.json<{ stage: string }>().stage !== 'action') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      answer = await get(`/v1/profiles/${profileId}/recommendations`);
    }
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

    await publishResolved(
      resolvedEvent(profileId, `return-${profileId}`, 'Order Refunded', { order_id: `o-${profileId}`, total: 199, products: [jacket] }, '2025-03-10T10:00:00.000Z', 'store'),
    );
    const cleared = await recommendation('cleared recommendations', (m) => m.profileId === profileId && m.type === 'recommendations.updated' && m.items.length === 0);
    expect(cleared.value.causedByMessageId).toBe(`return-${profileId}`);
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
