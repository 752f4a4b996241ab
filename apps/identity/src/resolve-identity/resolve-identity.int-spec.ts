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
import { identify, rawEvent, storePurchase, webTrack } from '../testing/raw-events';
import { createTestDatabase, type TestDatabase, testRedisUrl } from '../testing/test-database';
import { card, TEST_HASH_SECRET, testHasher } from '../testing/test-identifier-reader';
import { TopicRecorder } from '../testing/topic-recorder';

const emailHash = (email: string): string => testHasher.emailHash(email) ?? '';
const unique = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;

describe(`identity service against the ${testKafkaKind()}, Postgres and Redis`, () => {
  let broker: TestKafka;
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let recorder: TopicRecorder;
  let pg: Client;
  let redis: Redis;
  const ADMIN_TOKEN = `admin-${randomBytes(12).toString('hex')}`;
  const READ_TOKEN = `read-${randomBytes(12).toString('hex')}`;
  const keyPrefix = `tp-identity-spec-${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    broker = await startTestKafka();
    database = await createTestDatabase('resolve');
    const config = loadServiceConfig('identity', {
      KAFKA_BROKERS: broker.brokers.join(','),
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      LOG_LEVEL: 'silent',
      // The older variable, still honoured as an admin token.
      IDENTITY_ADMIN_TOKEN: ADMIN_TOKEN,
      ACCESS_READ_TOKENS: READ_TOKEN,
      PERSONAL_DATA_HASH_SECRET: TEST_HASH_SECRET,
      PERSONAL_DATA_DEFAULT_REGION: 'NL',
      STORE_REGISTRY_FILE: path.join(__dirname, '../testing/stores.test.v1.json'),
    });
    app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, { redisKeyPrefix: keyPrefix }), new FastifyAdapter(), { logger: false });
    app.enableShutdownHooks();
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    recorder = await TopicRecorder.start(broker.brokers, [Topics.eventsResolved, Topics.identityMerged, Topics.profileDeleted, Topics.deadLetter]);
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

  async function send(event: SegmentMessage): Promise<void> {
    await app.get(EventPublisher).publish(Topics.eventsRaw, [{ id: event.messageId, value: event }]);
  }

  function resolvedOf(messageId: string) {
    return recorder.on(Topics.eventsResolved).filter((message) => message.id === `resolved:${messageId}`);
  }

  /** Sends an event and waits until identity published its resolution; returns the profile id. */
  async function resolve(event: SegmentMessage, delivery = 1): Promise<string> {
    await send(event);
    const resolved = await waitFor(() => {
      const found = resolvedOf(event.messageId);
      return found.length >= delivery ? found[delivery - 1] : undefined;
    }, `resolution of ${event.messageId}`);
    return resolved.value.profileId;
  }

  async function remove(url: string, headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}` }) {
    const response = await app.inject({ method: 'DELETE', url, headers });
    return { status: response.statusCode, body: response.json() };
  }

  async function get(url: string, headers: Record<string, string> = { authorization: `Bearer ${READ_TOKEN}` }) {
    const response = await app.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, body: response.json() };
  }

  const scalar = async (sql: string, parameters: unknown[] = []): Promise<number> => Number((await pg.query(sql, parameters)).rows[0].n);

  it('was migrated by the migration command, which is a no-op the second time', async () => {
    expect(database.migrations).toEqual(['CreateIdentityGraph1764000000000', 'AddRefusalsAndDeletions1764100000000', 'AddErasureLedger1764200000000', 'AddSharingGuardsAndUnmerges1764300000000']);
    const { runMigrations } = await import('../persistence/run-migrations');
    await expect(runMigrations(database.url)).resolves.toEqual([]);
  });

  it('joins anonymous web events, an identify and a store purchase by loyalty card into one profile', async () => {
    const anonymousId = unique('anon');
    const userId = unique('user');
    const loyaltyId = unique('loyalty');
    const email = `${unique('sanne')}@example.com`;

    const viewed = await resolve(webTrack(anonymousId, 'Product Viewed'));
    const added = await resolve(webTrack(anonymousId, 'Product Added'));
    // Traits in clear, as ingest published identify calls before it hashed them.
    const legacyIdentify = identify({ anonymousId, userId, traits: { loyaltyId, email: ` ${email.toUpperCase()} ` } });
    const identified = await resolve(legacyIdentify);
    expect(JSON.stringify(resolvedOf(legacyIdentify.messageId)[0].value).toLowerCase()).not.toContain(email);
    const purchase = storePurchase({ loyaltyId });
    const purchased = await resolve(purchase);

    expect(new Set([viewed, added, identified, purchased]).size).toBe(1);
    const profileId = purchased;
    const resolvedPurchase = resolvedOf(purchase.messageId)[0].value;
    expect(resolvedPurchase.event).toEqual(purchase);
    const expectedIdentifiers = [
      { type: 'anonymousId', value: anonymousId },
      { type: 'email', value: emailHash(email) },
      { type: 'loyaltyId', value: card(loyaltyId) },
      { type: 'userId', value: userId },
    ];
    expect(resolvedPurchase.identifiers).toEqual(expectedIdentifiers);
    expect(await scalar('SELECT count(DISTINCT profile_id) AS n FROM identifiers WHERE value = ANY($1)', [[anonymousId, userId, card(loyaltyId)]])).toBe(1);
    expect(recorder.on(Topics.identityMerged).filter((merge) => merge.value.survivorProfileId === profileId)).toEqual([]);

    expect(await get(`/v1/profiles/${profileId}/identifiers`)).toEqual({ status: 200, body: { profileId, identifiers: expectedIdentifiers } });
    expect(await get(`/v1/profiles/lookup?type=email&value=${encodeURIComponent(email.toUpperCase())}`)).toEqual({ status: 200, body: { profileId } });
    expect(await get(`/v1/profiles/lookup?type=loyaltyId&value=${loyaltyId}`)).toEqual({ status: 200, body: { profileId } });
    expect(await redis.get(`${keyPrefix}identifier:loyaltyId:${card(loyaltyId)}`)).toBe(profileId);
    const missing = await get(`/v1/profiles/lookup?type=loyaltyId&value=${unique('nobody')}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'TP_PROFILE_NOT_FOUND' });
    expect(await get('/v1/profiles/lookup?type=shoeSize&value=42')).toMatchObject({ status: 400, body: { code: 'TP_REQUEST_INVALID' } });
  }, 60_000);

  it('merges a store profile and a web profile when an identify links them, announcing the merge first', async () => {
    const anonymousId = unique('anon');
    const userId = unique('user');
    const loyaltyId = unique('loyalty');
    const email = `${unique('sara')}@example.com`;

    const storeProfile = await resolve(storePurchase({ loyaltyId, posCustomerId: unique('pos') }));
    const webProfile = await resolve(webTrack(anonymousId, 'Product Viewed'));
    await resolve(identify({ anonymousId, traits: { email } }));
    expect(webProfile).not.toBe(storeProfile);
    // Warm the cache with the web profile, so the merge has something to invalidate.
    expect((await get(`/v1/profiles/lookup?type=email&value=${email}`)).body).toEqual({ profileId: webProfile });

    const linking = identify({ anonymousId, userId, traits: { loyalty_id: loyaltyId } });
    const resolvedTo = await resolve(linking);
    expect(resolvedTo).toBe(storeProfile);

    const merges = recorder.on(Topics.identityMerged).filter((merge) => merge.value.causedByMessageId === linking.messageId);
    expect(merges).toHaveLength(1);
    const [merge] = merges;
    expect(merge.id).toBe(`merge:${linking.messageId}:${webProfile}`);
    expect(merge.value).toMatchObject({
      mergeId: merge.id,
      survivorProfileId: storeProfile,
      mergedProfileIds: [webProfile],
      reason: 'loyaltyId',
      causedByMessageId: linking.messageId,
    });
    expect(merge.value.identifiers).toEqual(expect.arrayContaining([{ type: 'anonymousId', value: anonymousId }, { type: 'userId', value: userId }]));
    expect(merge.timestamp).toBeLessThanOrEqual(resolvedOf(linking.messageId)[0].timestamp);

    expect(await get(`/v1/profiles/lookup?type=email&value=${email}`)).toEqual({ status: 200, body: { profileId: storeProfile } });
    expect(await get(`/v1/profiles/${webProfile}/identifiers`)).toEqual({
      status: 404,
      body: expect.objectContaining({ code: 'TP_PROFILE_NOT_FOUND', details: { mergedInto: storeProfile } }),
    });
    const log = await pg.query('SELECT survivor_id, merged_id, reason, identifier_type, identifier_value FROM merge_log WHERE caused_by_message_id = $1', [linking.messageId]);
    expect(log.rows).toEqual([{ survivor_id: storeProfile, merged_id: webProfile, reason: 'loyaltyId', identifier_type: 'loyaltyId', identifier_value: card(loyaltyId) }]);

    // Redelivery of the linking event: same profile, same merge announcement, nothing new in Postgres.
    const profiles = await scalar('SELECT count(*) AS n FROM profiles');
    expect(await resolve(linking, 2)).toBe(storeProfile);
    const again = await waitFor(() => {
      const found = recorder.on(Topics.identityMerged).filter((m) => m.value.causedByMessageId === linking.messageId);
      return found.length >= 2 ? found : undefined;
    }, 'the merge announced again');
    expect(again[1].id).toBe(merge.id);
    expect(again[1].value).toEqual(merge.value);
    expect(await scalar('SELECT count(*) AS n FROM profiles')).toBe(profiles);
    expect(await scalar('SELECT count(*) AS n FROM merge_log WHERE caused_by_message_id = $1', [linking.messageId])).toBe(1);
  }, 60_000);

  it('never merges two profiles with different userIds', async () => {
    const sharedDevice = unique('anon-shared');
    const [alice, bob] = [unique('alice'), unique('bob')];
    const bobsCard = unique('loyalty');

    const aliceProfile = await resolve(identify({ anonymousId: sharedDevice, userId: alice }));
    const bobsIdentify = identify({ anonymousId: sharedDevice, userId: bob, traits: { loyaltyId: bobsCard } });
    const bobProfile = await resolve(bobsIdentify);
    expect(bobProfile).not.toBe(aliceProfile);

    // An event that names Alice and Bob's card goes to Alice and merges nothing.
    const confused = rawEvent({ type: 'track', event: 'Product Viewed', userId: alice, context: { loyaltyId: bobsCard } });
    expect(await resolve(confused)).toBe(aliceProfile);

    for (const messageId of [bobsIdentify.messageId, confused.messageId]) {
      expect(await scalar('SELECT count(*) AS n FROM merge_log WHERE caused_by_message_id = $1', [messageId])).toBe(0);
    }
    expect((await get(`/v1/profiles/lookup?type=userId&value=${alice}`)).body).toEqual({ profileId: aliceProfile });
    expect((await get(`/v1/profiles/lookup?type=userId&value=${bob}`)).body).toEqual({ profileId: bobProfile });
    expect((await get(`/v1/profiles/lookup?type=loyaltyId&value=${bobsCard}`)).body).toEqual({ profileId: bobProfile });
    expect((await get(`/v1/profiles/lookup?type=anonymousId&value=${sharedDevice}`)).body).toEqual({ profileId: aliceProfile });
    expect(await scalar("SELECT count(*) AS n FROM identifiers WHERE type = 'userId' AND profile_id = ANY($1::uuid[])", [[aliceProfile, bobProfile]])).toBe(2);

    // The refusals are recorded, once each even when the event is redelivered, and listed per profile.
    await resolve(confused, 2);
    expect(await scalar('SELECT count(*) AS n FROM merge_refusals WHERE caused_by_message_id = $1', [confused.messageId])).toBe(1);
    const history = await get(`/v1/profiles/${bobProfile}/merges`);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ profileId: bobProfile, status: 'active', merges: [] });
    const refusals = (history.body as { refusals: { causedByMessageId: string; refusedProfileId: string | null; profileId: string; limitType: string }[] }).refusals;
    expect(refusals.map((refusal) => refusal.causedByMessageId).sort()).toEqual([bobsIdentify.messageId, confused.messageId].sort());
    expect(refusals.find((refusal) => refusal.causedByMessageId === confused.messageId)).toMatchObject({
      profileId: aliceProfile,
      refusedProfileId: bobProfile,
      limitType: 'userId',
    });
    expect((await get('/v1/profiles/00000000-0000-4000-8000-000000000000/merges')).status).toBe(404);
  }, 60_000);

  it('resolves a redelivered first event to the same profile without creating another', async () => {
    const first = webTrack(unique('anon'), 'Product Viewed');
    const profileId = await resolve(first);
    const profiles = await scalar('SELECT count(*) AS n FROM profiles');
    expect(await resolve(first, 2)).toBe(profileId);
    expect(await scalar('SELECT count(*) AS n FROM profiles')).toBe(profiles);
    expect(resolvedOf(first.messageId).map((resolved) => resolved.id)).toEqual([`resolved:${first.messageId}`, `resolved:${first.messageId}`]);
  }, 30_000);

  it('dead-letters an event with only placeholder identifiers and keeps consuming its partition', async () => {
    const placeholder = rawEvent({ type: 'track', event: 'Product Viewed', anonymousId: 'anonymous' });
    // Same key (anonymousId:anonymous), so same partition, right behind the poison message.
    const after = rawEvent({ type: 'track', event: 'Product Viewed', anonymousId: 'anonymous', context: { channel: 'store', loyaltyId: unique('loyalty') } });
    expect(Topics.eventsRaw.key(after)).toBe(Topics.eventsRaw.key(placeholder));
    await send(placeholder);
    const profileId = await resolve(after);
    expect(resolvedOf(after.messageId)[0].value.identifiers).toEqual([{ type: 'loyaltyId', value: card(after.context.loyaltyId ?? '') }]);
    expect(profileId).toMatch(/^[0-9a-f-]{36}$/);

    const letter = await waitFor(
      () => recorder.on(Topics.deadLetter).find((message) => Buffer.from(message.value.value ?? '', 'base64').toString().includes(placeholder.messageId)),
      'the dead letter',
    );
    expect(letter.value.consumerGroup).toBe('touchpoint-identity');
    expect(letter.value.errorMessage).toContain('carries no usable identifier');
    expect(resolvedOf(placeholder.messageId)).toEqual([]);
  }, 30_000);

  it('erases a profile on request: identifiers, links, cache; audits counts only; announces the deletion', async () => {
    const [anonymousId, userId, loyaltyId] = [unique('anon'), unique('user'), unique('loyalty')];
    const email = `${unique('erase')}@example.com`;
    const profileId = await resolve(identify({ anonymousId, userId, traits: { loyaltyId, email } }));
    const web = await resolve(webTrack(unique('anon'), 'Product Viewed'));
    await resolve(rawEvent({ type: 'track', event: 'Product Viewed', userId, anonymousId: (await get(`/v1/profiles/${web}/identifiers`)).body.identifiers[0].value }));
    expect((await get(`/v1/profiles/lookup?type=userId&value=${userId}`)).body).toEqual({ profileId });

    expect(await remove(`/v1/profiles/${profileId}`, {})).toMatchObject({ status: 401, body: { code: 'TP_ADMIN_UNAUTHORIZED' } });
    expect(await remove(`/v1/profiles/${profileId}`, { authorization: 'Bearer wrong-token-123456' })).toMatchObject({ status: 401 });
    expect(await scalar('SELECT count(*) AS n FROM identifiers WHERE profile_id = $1', [profileId])).toBe(5);

    const erased = await app.inject({
      method: 'DELETE',
      url: `/v1/profiles?type=email&value=${encodeURIComponent(email.toUpperCase())}`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-requested-by': 'ticket-42' },
    });
    expect(erased.statusCode).toBe(200);
    const deletion = erased.json() as { deletionId: string; profileId: string; mergedProfileIds: string[]; identifierCounts: Record<string, number> };
    expect(deletion).toMatchObject({ profileId, mergedProfileIds: [web], identifierCounts: { anonymousId: 2, email: 1, loyaltyId: 1, userId: 1 } });

    expect(await scalar('SELECT count(*) AS n FROM identifiers WHERE profile_id = $1', [profileId])).toBe(0);
    expect(await scalar('SELECT count(*) AS n FROM merge_log WHERE survivor_id = $1 OR merged_id = $1', [profileId])).toBe(0);
    const audit = await pg.query('SELECT profile_id, requested_by, identifier_counts::text AS counts FROM deletion_audit WHERE id = $1', [deletion.deletionId]);
    expect(audit.rows).toEqual([{ profile_id: profileId, requested_by: 'ticket-42', counts: expect.any(String) }]);
    for (const value of [anonymousId, userId, loyaltyId, emailHash(email)]) expect(audit.rows[0].counts).not.toContain(value);
    expect(await redis.get(`${keyPrefix}identifier:userId:${userId}`)).toBeNull();
    expect((await get(`/v1/profiles/lookup?type=userId&value=${userId}`)).status).toBe(404);
    expect((await get(`/v1/profiles/${profileId}/merges`)).body).toMatchObject({ status: 'deleted', merges: [], refusals: [] });
    expect((await get(`/v1/profiles/${profileId}/identifiers`)).status).toBe(404);

    const announced = await waitFor(() => recorder.on(Topics.profileDeleted).find((message) => message.value.profileId === profileId), 'tp.profile.deleted.v1');
    expect(announced.id).toBe(`deleted:${deletion.deletionId}`);
    expect(JSON.stringify(announced.value)).not.toContain(userId);

    // A retry answers the same deletion; the customer coming back starts a fresh profile.
    expect((await remove(`/v1/profiles/${profileId}`)).body).toMatchObject({ deletionId: deletion.deletionId, profileId });
    expect(await resolve(identify({ userId }))).not.toBe(profileId);
    expect((await remove(`/v1/profiles?type=loyaltyId&value=${loyaltyId}`)).body).toMatchObject({ code: 'TP_PROFILE_NOT_FOUND' });
  }, 60_000);

  it('answers reads only with a read (or admin) token, and deletion only with an admin token', async () => {
    const url = `/v1/profiles/lookup?type=userId&value=${unique('nobody')}`;
    expect(await get(url, {})).toMatchObject({ status: 401, body: { code: 'TP_READ_UNAUTHORIZED' } });
    expect(await get(url, { authorization: `Bearer ${READ_TOKEN}x` })).toMatchObject({ status: 401, body: { code: 'TP_READ_UNAUTHORIZED' } });
    expect(await get(url, { authorization: `Bearer ${ADMIN_TOKEN}` })).toMatchObject({ status: 404 });
    expect(await get('/v1/profiles/00000000-0000-4000-8000-000000000000/merges', {})).toMatchObject({ status: 401 });
    expect(await get('/v1/profiles/00000000-0000-4000-8000-000000000000/identifiers', {})).toMatchObject({ status: 401 });
    expect(await remove('/v1/profiles/00000000-0000-4000-8000-000000000000', { authorization: `Bearer ${READ_TOKEN}` })).toMatchObject({
      status: 401,
      body: { code: 'TP_ADMIN_UNAUTHORIZED' },
    });
  });

  it("links a till receipt's hashed email and phone to the web profile, and an alias's previousId to its userId", async () => {
    const anonymousId = unique('anon');
    const email = `${unique('till')}@example.com`;
    const phoneHash = testHasher.phoneHash('+31 6 4000 0000');
    const web = await resolve(webTrack(anonymousId, 'Product Viewed'));
    await resolve(rawEvent({ type: 'identify', anonymousId, traits: {}, context: { channel: 'web', emailHash: emailHash(email) } }));
    // As ingest publishes a sale without a card: its own anonymous id, the receipt's contact data hashed.
    const sale = await resolve(storePurchase({ emailHash: emailHash(email.toUpperCase()), phoneHash }, 'jacket-1', `store:store-7:${unique('T')}`));
    expect(sale).toBe(web);

    const aliasUser = unique('user');
    const aliased = await resolve(rawEvent({ type: 'alias', previousId: anonymousId, userId: aliasUser }));
    expect(aliased).toBe(web);
    expect((await get(`/v1/profiles/lookup?type=userId&value=${aliasUser}`)).body).toEqual({ profileId: web });
    expect((await get('/v1/profiles/lookup?type=phone&value=06%2040000000')).body).toEqual({ profileId: web });
  }, 60_000);

  it("keeps two chains' same card number as two customers", async () => {
    const number = unique('1001');
    const inChainA = await resolve(storePurchase({ storeId: 'store-7', loyaltyId: number }));
    const inChainB = await resolve(storePurchase({ storeId: 'store-b-1', loyaltyId: number }));
    expect(inChainA).not.toBe(inChainB);
    expect(await resolve(storePurchase({ storeId: 'store-b-1', loyaltyId: number }))).toBe(inChainB);
    expect((await get(`/v1/profiles/lookup?type=loyaltyId&value=${number}`)).body).toEqual({ profileId: inChainA });
    expect((await get(`/v1/profiles/lookup?type=loyaltyId&value=${number}&chain=chain-b`)).body).toEqual({ profileId: inChainB });
  }, 30_000);

  it('does not bring an erased customer back when her old events are replayed', async () => {
    const [anonymousId, userId] = [unique('anon'), unique('user')];
    const history = [
      webTrack(anonymousId, 'Product Viewed'),
      identify({ anonymousId, userId, traits: {} }),
      rawEvent({ type: 'track', event: 'Product Added', userId, anonymousId, properties: { product_id: 'jacket-1' } }),
    ];
    const profileId = await resolve(history[0]);
    for (const event of history.slice(1)) expect(await resolve(event)).toBe(profileId);
    expect((await remove(`/v1/profiles/${profileId}`)).status).toBe(200);

    const ledger = await pg.query<{ key: string; profile_id: string }>('SELECT key, profile_id FROM erased_identifiers WHERE profile_id = $1', [profileId]);
    expect(ledger.rows).toHaveLength(2);
    for (const row of ledger.rows) expect([anonymousId, userId]).not.toContain(row.key);

    // A replay of tp.events.raw.v1 delivers the same events again, then (same keys, same
    // partitions, so after them) the customer comes back with new events.
    for (const event of history) await send(event);
    const comeback = [rawEvent({ type: 'track', event: 'Product Viewed', anonymousId }), rawEvent({ type: 'track', event: 'Product Viewed', userId })];
    for (const event of comeback) expect(Topics.eventsRaw.key(event)).toBe(Topics.eventsRaw.key(event.userId ? history[2] : history[0]));
    const returned = [await resolve(comeback[0]), await resolve(comeback[1])];

    for (const event of history) expect(resolvedOf(event.messageId)).toHaveLength(1);
    expect(returned).not.toContain(profileId);
    expect(await scalar('SELECT count(*) AS n FROM identifiers WHERE profile_id = $1', [profileId])).toBe(0);
    expect((await get(`/v1/profiles/${profileId}/merges`)).body).toMatchObject({ status: 'deleted' });
  }, 60_000);
});
