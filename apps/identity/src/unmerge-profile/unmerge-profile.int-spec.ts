import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadServiceConfig } from '@touchpoint/config';
import { type SegmentMessage, Topics } from '@touchpoint/contracts';
import { EventPublisher } from '@touchpoint/kafka';
import { startTestKafka, type TestKafka, testKafkaKind, waitFor } from '@touchpoint/kafka-testing';
import Redis from 'ioredis';
import { Client } from 'pg';
import { AppModule } from '../app/app.module';
import { rawEvent, storePurchase } from '../testing/raw-events';
import { createTestDatabase, type TestDatabase, testRedisUrl } from '../testing/test-database';
import { card, TEST_HASH_SECRET, testHasher } from '../testing/test-identifier-reader';
import { TopicRecorder } from '../testing/topic-recorder';

const emailHash = (email: string): string => testHasher.emailHash(email) ?? '';
const unique = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;

/**
 * A shop assistant scans her own loyalty card for a walk-in customer: identity merges the two.
 * The merge is undone over HTTP, the split is announced once per merge, and the link never forms again.
 */
describe(`unmerge against the ${testKafkaKind()}, Postgres and Redis`, () => {
  let broker: TestKafka;
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let recorder: TopicRecorder;
  let pg: Client;
  let redis: Redis;
  const ADMIN_TOKEN = `admin-${randomBytes(12).toString('hex')}`;
  const READ_TOKEN = `read-${randomBytes(12).toString('hex')}`;
  const keyPrefix = `tp-identity-unmerge-${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    broker = await startTestKafka();
    database = await createTestDatabase('unmerge');
    const config = loadServiceConfig('identity', {
      KAFKA_BROKERS: broker.brokers.join(','),
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      LOG_LEVEL: 'silent',
      ACCESS_ADMIN_TOKENS: ADMIN_TOKEN,
      ACCESS_READ_TOKENS: READ_TOKEN,
      PERSONAL_DATA_HASH_SECRET: TEST_HASH_SECRET,
      PERSONAL_DATA_DEFAULT_REGION: 'NL',
      STORE_REGISTRY_FILE: path.join(__dirname, '../testing/stores.test.v1.json'),
    });
    app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, { redisKeyPrefix: keyPrefix }), new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    recorder = await TopicRecorder.start(broker.brokers, [Topics.eventsResolved, Topics.identityMerged, Topics.identityUnmerged]);
    pg = new Client({ connectionString: database.url });
    await pg.connect();
    redis = new Redis(testRedisUrl());
  }, 60_000);

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
    await pg?.end();
    if (redis) {
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
    await database?.drop();
    await broker?.dispose();
  });

  async function resolve(event: SegmentMessage, delivery = 1) {
    await app.get(EventPublisher).publish(Topics.eventsRaw, [{ id: event.messageId, value: event }]);
    const resolved = await waitFor(() => {
      const found = recorder.on(Topics.eventsResolved).filter((message) => message.id === `resolved:${event.messageId}`);
      return found.length >= delivery ? found[delivery - 1] : undefined;
    }, `resolution of ${event.messageId}`);
    return resolved.value;
  }

  async function http(method: 'GET' | 'POST', url: string, token: string, payload?: unknown) {
    const response = await app.inject({ method, url, headers: { authorization: `Bearer ${token}`, 'x-requested-by': 'ticket-77' }, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.json() };
  }

  const count = async (sql: string, parameters: unknown[] = []) => Number((await pg.query(sql, parameters)).rows[0].n);

  /** The assistant (oldest profile, her card and email) and the walk-in (web browsing, email), then the purchase that joins them. */
  async function wrongMerge() {
    const cardNumber = unique('card');
    const assistantEmail = emailHash(`${unique('assistant')}@shop.example`);
    const walkInEmail = emailHash(`${unique('walk-in')}@mail.example`);
    const walkInWeb = unique('walk-in-web');
    const assistant = (await resolve(storePurchase({ loyaltyId: cardNumber, emailHash: assistantEmail }, 'scarf-1'))).profileId;
    const walkIn = (await resolve(rawEvent({ type: 'track', event: 'Product Viewed', anonymousId: walkInWeb, context: { channel: 'web', emailHash: walkInEmail } }))).profileId;
    const purchase = storePurchase({ loyaltyId: cardNumber, emailHash: walkInEmail }, 'jacket-1');
    const merged = await resolve(purchase);
    return { assistant, walkIn, purchase, merged, cardId: card(cardNumber), walkInEmail, walkInWeb };
  }

  it('lists the merge with the identifier that caused it, undoes it, announces it once per merge, and never links the two again', async () => {
    const story = await wrongMerge();
    expect(story.merged.profileId).toBe(story.assistant);

    const history = await http('GET', `/v1/profiles/${story.assistant}/merges`, READ_TOKEN);
    expect(history.status).toBe(200);
    expect(history.body.merges).toEqual([
      expect.objectContaining({ survivorProfileId: story.assistant, mergedProfileId: story.walkIn, linkedBy: { type: 'loyaltyId', value: story.cardId }, unmergeId: null }),
    ]);
    const { mergeId } = history.body.merges[0];

    expect(await http('POST', `/v1/profiles/${story.assistant}/unmerge`, READ_TOKEN, { mergeId })).toMatchObject({ status: 401, body: { code: 'TP_ADMIN_UNAUTHORIZED' } });
    expect(await http('POST', `/v1/profiles/${story.assistant}/unmerge`, ADMIN_TOKEN, { mergeId: 'merge:nope' })).toMatchObject({ status: 404, body: { code: 'TP_UNMERGE_NOT_FOUND' } });
    expect(await http('POST', `/v1/profiles/${story.assistant}/unmerge`, ADMIN_TOKEN, {})).toMatchObject({ status: 400, body: { code: 'TP_REQUEST_INVALID' } });

    const first = await http('POST', `/v1/profiles/${story.walkIn}/unmerge`, ADMIN_TOKEN, { mergeId });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      unmergeId: `unmerge:${mergeId}`,
      survivorProfileId: story.assistant,
      restoredProfileId: story.walkIn,
      restoredIdentifiers: [
        { type: 'anonymousId', value: story.walkInWeb },
        { type: 'email', value: story.walkInEmail },
      ],
      linkedBy: { type: 'loyaltyId', value: story.cardId },
      causedByMessageId: story.purchase.messageId,
      // The card was the assistant's: the purchase belongs to the walk-in.
      causedByProfileId: story.walkIn,
      requestedBy: 'ticket-77',
    });

    const walkInIds = await http('GET', `/v1/profiles/${story.walkIn}/identifiers`, READ_TOKEN);
    expect(walkInIds.body.identifiers).toEqual(first.body.restoredIdentifiers);
    const assistantIds = await http('GET', `/v1/profiles/${story.assistant}/identifiers`, READ_TOKEN);
    expect(assistantIds.body.identifiers.map((identifier: { type: string }) => identifier.type).sort()).toEqual(['email', 'loyaltyId']);

    const announced = await waitFor(() => recorder.on(Topics.identityUnmerged).find((message) => message.id === `unmerge:${mergeId}`), 'the unmerge');
    expect(announced.value).toMatchObject({ mergeId, survivorProfileId: story.assistant, restoredProfileId: story.walkIn, causedByProfileId: story.walkIn });

    // Twice: the same answer, announced again under the same id with the same content, and nothing more in Postgres.
    const before = await count(`SELECT count(*) AS n FROM unmerges`);
    const second = await http('POST', `/v1/profiles/${story.assistant}/unmerge`, ADMIN_TOKEN, { mergeId });
    expect(second).toEqual(first);
    expect(await count(`SELECT count(*) AS n FROM unmerges`)).toBe(before);
    const repeats = await waitFor(() => {
      const found = recorder.on(Topics.identityUnmerged).filter((message) => message.id === `unmerge:${mergeId}`);
      return found.length >= 2 ? found : undefined;
    }, 'the repeated unmerge');
    expect(repeats[1].value).toEqual(repeats[0].value);

    // The purchase delivered again: it goes to the walk-in, the merge is not announced again.
    const mergesBefore = recorder.on(Topics.identityMerged).filter((message) => message.id === mergeId).length;
    const redelivered = await resolve(story.purchase, 2);
    expect(redelivered.profileId).toBe(story.walkIn);
    expect(recorder.on(Topics.identityMerged).filter((message) => message.id === mergeId)).toHaveLength(mergesBefore);

    // A new event with the card and the walk-in's email: refused as a blocked link, no merge.
    const again = await resolve(storePurchase({ loyaltyId: story.cardId.split(':')[1], emailHash: story.walkInEmail }, 'belt-1'));
    expect(again.profileId).toBe(story.walkIn);
    expect(await count(`SELECT count(*) AS n FROM merge_log WHERE caused_by_message_id = $1`, [again.event.messageId])).toBe(0);

    const after = await http('GET', `/v1/profiles/${story.walkIn}/merges`, READ_TOKEN);
    expect(after.body).toMatchObject({
      status: 'active',
      mergedInto: null,
      merges: [expect.objectContaining({ mergeId, unmergeId: `unmerge:${mergeId}` })],
      unmerges: [expect.objectContaining({ unmergeId: `unmerge:${mergeId}`, restoredProfileId: story.walkIn })],
      blockedLinks: [{ unmergeId: `unmerge:${mergeId}`, profileIds: [story.assistant, story.walkIn], linkedBy: { type: 'loyaltyId', value: story.cardId }, blockedAt: expect.any(String) }],
    });
    expect(after.body.refusals.map((refusal: { reason: string }) => refusal.reason)).toContain('blocked_link');

    const refusals = await http('GET', `/v1/merge-refusals?reason=blocked_link`, READ_TOKEN);
    expect(refusals.status).toBe(200);
    expect(refusals.body.refusals.some((refusal: { causedByMessageId: string }) => refusal.causedByMessageId === again.event.messageId)).toBe(true);
    expect(refusals.body.refusals.every((refusal: { reason: string }) => refusal.reason === 'blocked_link')).toBe(true);
    expect(await http('GET', `/v1/merge-refusals`, 'not-a-token-at-all')).toMatchObject({ status: 401 });
  }, 60_000);

  it('refuses to undo a merge whose survivor was merged away since, naming the later survivor', async () => {
    const story = await wrongMerge();
    const { mergeId } = (await http('GET', `/v1/profiles/${story.assistant}/merges`, READ_TOKEN)).body.merges[0];
    // An older profile swallows the survivor: the first merge is no longer the last word.
    const olderCard = unique('older');
    await pg.query(`UPDATE profiles SET created_at = created_at - interval '1 day' WHERE id = $1`, [story.assistant]);
    const older = (await resolve(storePurchase({ posCustomerId: olderCard }, 'hat-1'))).profileId;
    await pg.query(`UPDATE profiles SET created_at = now() - interval '2 days' WHERE id = $1`, [older]);
    const chained = await resolve(storePurchase({ posCustomerId: olderCard, loyaltyId: story.cardId.split(':')[1] }, 'hat-2'));
    expect(chained.profileId).toBe(older);

    expect(await http('POST', `/v1/profiles/${story.assistant}/unmerge`, ADMIN_TOKEN, { mergeId })).toMatchObject({
      status: 409,
      body: { code: 'TP_UNMERGE_CONFLICT', details: { reason: 'survivor_merged', blockedBy: older } },
    });
  }, 60_000);
});
