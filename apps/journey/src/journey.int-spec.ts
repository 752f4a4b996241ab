import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadServiceConfig } from '@touchpoint/config';
import { type JourneyTransition, type ProfilesMerged, Topics } from '@touchpoint/contracts';
import type { JourneyState } from '@touchpoint/journey-model';
import { EventPublisher } from '@touchpoint/kafka';
import { startTestKafka, type TestKafka, testKafkaKind } from '@touchpoint/kafka-testing';
import { TopicWatcher } from '@touchpoint/system-harness';
import Redis from 'ioredis';
import { JourneyAppModule } from './app/journey-app.module';
import { buyJacketInStore, cartJacket, resolved, viewBoots } from './testing/events';

const REDIS_URL = 'redis://127.0.0.1:6379/0';

describe(`journey against the ${testKafkaKind()} and a real Redis`, () => {
  const keyPrefix = `tp-test-journey-${randomUUID()}:`;
  let broker: TestKafka;
  let app: INestApplicationContext;
  let watcher: TopicWatcher;
  let redis: Redis;

  const transitionsOf = (profileId: string): JourneyTransition[] =>
    watcher.all<JourneyTransition>(Topics.journeyTransitions.name, (t) => t.profileId === profileId).map((m) => m.value);
  const cached = async (profileId: string): Promise<JourneyState | null> => JSON.parse((await redis.get(`${keyPrefix}profile:${profileId}`)) ?? 'null') as JourneyState | null;
  /** The state is saved right after its transition is published, so tests poll for it. */
  const cachedWhen = async (profileId: string, ready: (state: JourneyState | null) => boolean): Promise<JourneyState | null> => {
    const deadline = Date.now() + 5_000;
    let state = await cached(profileId);
    while (!ready(state) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      state = await cached(profileId);
    }
    return state;
  };
  const publishResolved = async (profileId: string, event: ReturnType<typeof cartJacket>): Promise<void> => {
    await app.get(EventPublisher).publish(Topics.eventsResolved, [{ id: event.messageId, value: resolved(profileId, event) }]);
  };
  const transitionWith = (id: string) =>
    watcher.waitFor<JourneyTransition>(Topics.journeyTransitions.name, (t) => t.transitionId === id, 20_000, `transition ${id}`);

  beforeAll(async () => {
    broker = await startTestKafka();
    const config = loadServiceConfig('journey', { KAFKA_BROKERS: broker.address, REDIS_URL, REDIS_KEY_PREFIX: keyPrefix, LOG_LEVEL: 'warn' });
    app = await NestFactory.createApplicationContext(JourneyAppModule.forRoot(config), { logger: ['error'] });
    app.enableShutdownHooks();
    await app.init();
    watcher = new TopicWatcher([broker.address]);
    await watcher.start([Topics.journeyTransitions.name]);
    redis = new Redis(REDIS_URL);
  }, 60_000);

  afterAll(async () => {
    await watcher?.stop();
    await app?.close();
    await broker?.dispose();
    if (redis) {
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });

  it('turns a web cart and a store purchase into two transitions, in order, and caches the state after each', async () => {
    const profileId = randomUUID();
    const cart = cartJacket(`cart-${profileId}`, '2025-03-01T10:00:00.000Z');
    const order = buyJacketInStore(`order-${profileId}`, '2025-03-03T10:00:00.000Z');
    await publishResolved(profileId, cart);
    await publishResolved(profileId, order);

    await transitionWith(`transition:${profileId}:${order.messageId}`);
    expect(transitionsOf(profileId)).toEqual([
      expect.objectContaining({ transitionId: `transition:${profileId}:${cart.messageId}`, channel: 'web', stage: { from: 'awareness', to: 'consideration' } }),
      expect.objectContaining({ transitionId: `transition:${profileId}:${order.messageId}`, channel: 'store', stage: { from: 'consideration', to: 'action' } }),
    ]);
    const state = await cachedWhen(profileId, (s) => typeof s?.products['jacket-42']?.purchasedInStoreAt === 'number');
    expect(state?.products['jacket-42']).toMatchObject({
      cartedAt: Date.parse('2025-03-01T10:00:00.000Z'),
      purchasedInStoreAt: Date.parse('2025-03-03T10:00:00.000Z'),
    });
  }, 30_000);

  it('merges two profiles: the survivor gets both journeys and a transition, the merged state is gone', async () => {
    const web = randomUUID();
    const store = randomUUID();
    const cart = cartJacket(`cart-${web}`, '2025-03-01T10:00:00.000Z');
    const boots = viewBoots(`boots-${store}`, '2025-03-02T10:00:00.000Z');
    const order = buyJacketInStore(`order-${store}`, '2025-03-03T10:00:00.000Z');
    await publishResolved(web, cart);
    await publishResolved(store, boots);
    await publishResolved(store, order);
    // The merge must find both journeys saved, as it would after identity resolved them.
    await cachedWhen(web, (s) => s?.products['jacket-42'] !== undefined);
    await cachedWhen(store, (s) => s?.products['jacket-42'] !== undefined);

    const merge: ProfilesMerged = {
      mergeId: `merge-${store}`,
      survivorProfileId: store,
      mergedProfileIds: [web],
      reason: 'loyaltyId',
      identifiers: [{ type: 'loyaltyId', value: 'L-1' }],
      mergedAt: '2025-03-03T10:00:01.000Z',
      causedByMessageId: order.messageId,
    };
    await app.get(EventPublisher).publish(Topics.identityMerged, [{ id: merge.mergeId, value: merge }]);
    const transition = (await transitionWith(`transition:${store}:${merge.mergeId}`)).value;
    expect(transition).toMatchObject({ profileId: store, causedByMessageId: merge.mergeId, stage: null, channel: null });
    expect(transition.products).toEqual([
      { productId: 'jacket-42', facts: expect.objectContaining({ cartedAt: Date.parse('2025-03-01T10:00:00.000Z'), purchasedInStoreAt: Date.parse('2025-03-03T10:00:00.000Z') }) },
    ]);

    expect(await cachedWhen(web, (s) => s === null)).toBeNull();
    const survivor = await cachedWhen(store, (s) => s?.products['boots-11'] !== undefined && s.firstSeenAt === Date.parse('2025-03-01T10:00:00.000Z'));
    expect(Object.keys(survivor?.products ?? {}).sort()).toEqual(['boots-11', 'jacket-42']);
    expect(survivor?.firstSeenAt).toBe(Date.parse('2025-03-01T10:00:00.000Z'));
  }, 30_000);
});
