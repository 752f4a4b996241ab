import 'reflect-metadata';
import { gzipSync } from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import { loadServiceConfig } from '@touchpoint/config';
import { randomUUID } from 'node:crypto';
import { type SegmentMessage, Topics } from '@touchpoint/contracts';
import { type CrashableKafka, startCrashableKafka, testKafkaKind } from '@touchpoint/kafka-testing';
import { ConsumerRunner } from '@touchpoint/kafka';
import Redis from 'ioredis';
import { type Consumer, Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';
import { startIngest } from './start-ingest';
import { basic, POS_KEY, WEB_KEY, waitFor } from '../testing/ingest-harness';
import { TEST_HASH_SECRET, TEST_STORE_REGISTRY_FILE, testHasher } from '../testing/test-personal-data';

const REDIS_URL = 'redis://127.0.0.1:6379/0';
const REDIS_KEY_PREFIX = `tp-ingest-it-${randomUUID()}:`;

interface Landed {
  readonly key: string;
  readonly value: SegmentMessage;
  readonly headers: Readonly<Record<string, string>>;
}

const errorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

describe(`ingest against a real ${testKafkaKind()}`, () => {
  // A broker of its own: one test takes it down and brings it back.
  let broker: CrashableKafka | undefined;
  let app: INestApplication;
  let baseUrl: string;
  let consumer: Consumer | undefined;
  const landed = new Map<string, Landed>();
  const acknowledged: string[] = [];
  /** messageIds read a second time by the same reader: what de-duplication must keep empty. */
  const repeats: string[] = [];

  const kafka = (): Kafka => new Kafka({ clientId: 'ingest-spec', brokers: [...(broker?.brokers ?? [])], logLevel: logLevel.NOTHING });

  async function readRawTopic(groupId: string, into: Map<string, Landed>): Promise<Consumer> {
    // A short long-poll, so disconnecting does not wait out a 5 s fetch.
    const reader = kafka().consumer({ groupId, maxWaitTimeInMs: 100 });
    await reader.connect();
    await reader.subscribe({ topic: Topics.eventsRaw.name, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const value = Topics.eventsRaw.schema.parse(JSON.parse(String(message.value)));
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, header]) => [name, String(header)]));
        if (into.has(value.messageId)) repeats.push(value.messageId);
        into.set(value.messageId, { key: String(message.key), value, headers });
      },
    });
    return reader;
  }

  async function post(route: string, body: unknown, options: { key?: string | null; contentType?: string } = {}) {
    const key = options.key === undefined ? WEB_KEY : options.key;
    const response = await fetch(`${baseUrl}${route}`, {
      method: 'POST',
      headers: { 'content-type': options.contentType ?? 'application/json', ...(key ? { authorization: basic(key) } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const json: unknown = await response.json();
    return { status: response.status, headers: response.headers, body: json };
  }

  async function accepted(route: string, body: unknown, messageIds: readonly string[], options?: { key?: string | null; contentType?: string }) {
    const response = await post(route, body, options);
    expect(response).toMatchObject({ status: 200, body: { success: true } });
    acknowledged.push(...messageIds);
    return Promise.all(messageIds.map((id) => waitFor(() => landed.get(id), `${id} on ${Topics.eventsRaw.name}`)));
  }

  beforeAll(async () => {
    broker = await startCrashableKafka(testKafkaKind());
    const config = loadServiceConfig('ingest', {
      KAFKA_BROKERS: broker.brokers.join(','),
      KAFKA_TOPIC_PARTITIONS: '2',
      INGEST_HTTP_PORT: '0',
      INGEST_WRITE_KEYS: `web:${WEB_KEY},pos:${POS_KEY}`,
      REDIS_URL,
      REDIS_KEY_PREFIX,
      LOG_LEVEL: 'silent',
      STORE_REGISTRY_FILE: TEST_STORE_REGISTRY_FILE,
      PERSONAL_DATA_HASH_SECRET: TEST_HASH_SECRET,
    });
    app = await startIngest(config);
    baseUrl = await app.getUrl();
    consumer = await readRawTopic('ingest-spec', landed);
  }, 30_000);

  afterAll(async () => {
    await consumer?.disconnect();
    await app?.close();
    await broker?.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${REDIS_KEY_PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }, 30_000);

  it('publishes a track call keyed by its identifier, skew-corrected, with CloudEvents headers', async () => {
    const before = Date.now();
    const [track] = await accepted(
      '/v1/track',
      {
        messageId: 'it-track-1',
        anonymousId: 'anon-it-1',
        event: 'Product Added',
        properties: { product_id: 'jacket-1' },
        timestamp: '2020-01-01T00:00:00.000Z',
        sentAt: '2020-01-01T00:00:02.000Z',
      },
      ['it-track-1'],
    );
    expect(track.key).toBe('anonymousId:anon-it-1');
    expect(track.value).toMatchObject({ type: 'track', event: 'Product Added', properties: { product_id: 'jacket-1' }, originalTimestamp: '2020-01-01T00:00:00.000Z' });
    const receivedAt = Date.parse(track.value.receivedAt);
    expect(receivedAt).toBeGreaterThanOrEqual(before - 1);
    expect(receivedAt - Date.parse(track.value.timestamp)).toBe(2_000);
    expect(track.headers).toMatchObject({ ce_id: 'it-track-1', ce_type: Topics.eventsRaw.eventType, ce_source: 'touchpoint/ingest' });
  });

  it('publishes an identify call authenticated by writeKey in a text/plain body, without the key', async () => {
    const [identify] = await accepted(
      '/v1/identify',
      JSON.stringify({ writeKey: WEB_KEY, messageId: 'it-identify-1', userId: 'user-it-1', anonymousId: 'anon-it-1', traits: { loyaltyId: 'L-IT-1' } }),
      ['it-identify-1'],
      { key: null, contentType: 'text/plain' },
    );
    expect(identify.key).toBe('userId:user-it-1');
    expect(identify.value).toMatchObject({ type: 'identify', anonymousId: 'anon-it-1', traits: { loyaltyId: 'L-IT-1' } });
    expect(identify.value).not.toHaveProperty('writeKey');
  });

  it('publishes every message of a batch with its own type and key', async () => {
    const events = await accepted(
      '/v1/batch',
      {
        batch: [
          { type: 'track', messageId: 'it-batch-1', anonymousId: 'anon-it-2', event: 'Product Viewed', properties: { product_id: 'boots-3' } },
          { type: 'identify', messageId: 'it-batch-2', userId: 'user-it-2', traits: {} },
          { type: 'page', messageId: 'it-batch-3', anonymousId: 'anon-it-2', name: 'Home' },
        ],
        context: { channel: 'web' },
      },
      ['it-batch-1', 'it-batch-2', 'it-batch-3'],
    );
    expect(events.map((event) => [event.key, event.value.type, event.value.context.channel])).toEqual([
      ['anonymousId:anon-it-2', 'track', 'web'],
      ['userId:user-it-2', 'identify', 'web'],
      ['anonymousId:anon-it-2', 'page', 'web'],
    ]);
  });

  it('publishes page, screen, group and alias calls with the type their endpoint names', async () => {
    const calls = [
      ['/v1/page', { messageId: 'it-page-1', anonymousId: 'anon-it-7', name: 'Jackets', properties: { path: '/jackets' } }],
      ['/v1/screen', { messageId: 'it-screen-1', userId: 'user-it-7', name: 'Cart', type: 'track' }],
      ['/v1/group', { messageId: 'it-group-1', userId: 'user-it-7', groupId: 'household-1', traits: { size: 2 } }],
      ['/v1/alias', { messageId: 'it-alias-1', userId: 'user-it-7', previousId: 'anon-it-7' }],
    ] as const;
    for (const [route, body] of calls) await accepted(route, body, [body.messageId]);
    const types = calls.map(([, body]) => landed.get(body.messageId)?.value);
    expect(types.map((message) => message?.type)).toEqual(['page', 'screen', 'group', 'alias']);
    expect(types[0]).toMatchObject({ name: 'Jackets', properties: { path: '/jackets' } });
    expect(types[2]).toMatchObject({ groupId: 'household-1', traits: { size: 2 } });
    expect(types[3]).toMatchObject({ previousId: 'anon-it-7', userId: 'user-it-7' });

    const missing = await post('/v1/alias', { userId: 'user-it-7' });
    expect(missing.status).toBe(400);
    expect(errorBodySchema.parse(missing.body).details?.map((detail) => detail.path)).toContain('previousId');
  });

  it('takes /v1/import as /v1/batch', async () => {
    const [imported] = await accepted(
      '/v1/import',
      { batch: [{ type: 'track', messageId: 'it-import-1', userId: 'user-it-8', event: 'Order Completed', timestamp: '2019-03-01T10:00:00Z' }] },
      ['it-import-1'],
    );
    expect(imported.value).toMatchObject({ type: 'track', timestamp: '2019-03-01T10:00:00.000Z' });
  });

  it('publishes store sales and returns as commerce events, with ids derived from the transaction', async () => {
    const sale = {
      transactionId: 'IT-T-1',
      kind: 'order',
      storeId: 'AMS-01',
      occurredAt: '2024-05-03T10:15:00+02:00',
      lines: [{ productId: 'jacket-1', quantity: 1, unitPrice: 129.95 }],
      customer: { loyaltyId: 'L-IT-1', email: 'Sanne@example.com' },
    };
    const anonymous = { ...sale, transactionId: 'IT-T-2', customer: {} };
    const refund = { ...sale, transactionId: 'IT-T-3', kind: 'return', originalTransactionId: 'IT-T-1' };
    const [order, walkIn, returned] = await accepted(
      '/v1/store/transactions',
      { transactions: [sale, anonymous, refund] },
      ['store:AMS-01:IT-T-1:order', 'store:AMS-01:IT-T-2:order', 'store:AMS-01:IT-T-3:return'],
      { key: POS_KEY },
    );
    expect(order.key).toBe('loyaltyId:L-IT-1');
    expect(order.value).toMatchObject({ event: 'Order Completed', timestamp: '2024-05-03T08:15:00.000Z', context: { channel: 'store', storeId: 'AMS-01' } });
    expect(JSON.stringify(order.value)).not.toContain('Sanne');
    expect(walkIn.key).toBe('anonymousId:store:AMS-01:IT-T-2');
    expect(returned.value).toMatchObject({ event: 'Order Refunded', properties: { order_id: 'IT-T-3', original_order_id: 'IT-T-1' } });
  });

  it('refuses bad messages with 400 naming each field path, and publishes none of the batch', async () => {
    const response = await post('/v1/batch', {
      batch: [
        { type: 'track', messageId: 'it-rejected-1', anonymousId: 'anon-it-3', event: 'Product Viewed' },
        { type: 'track', anonymousId: 'anon-it-3' },
        { type: 'telemetry', anonymousId: 'anon-it-3' },
        { type: 'track', event: 'Product Viewed', timestamp: 'soon' },
      ],
    });
    expect(response.status).toBe(400);
    const body = errorBodySchema.parse(response.body);
    expect(body.code).toBe('TP_INGEST_VALIDATION_FAILED');
    expect(body.details?.map((detail) => detail.path)).toEqual(expect.arrayContaining(['batch.1.event', 'batch.2.type', 'batch.3.timestamp']));

    // Same key, same partition: once the later message is there, the rejected one would have been too.
    await accepted('/v1/track', { messageId: 'it-after-rejected', anonymousId: 'anon-it-3', event: 'Product Viewed' }, ['it-after-rejected']);
    expect(landed.has('it-rejected-1')).toBe(false);
  });

  it('refuses a store transaction from a store the registry does not know, publishing none of the request', async () => {
    const line = { productId: 'jacket-1', quantity: 1, unitPrice: 129.95 };
    const known = { transactionId: 'IT-U-1', kind: 'order', storeId: 'AMS-01', occurredAt: '2024-05-03T10:15:00Z', lines: [line], customer: { loyaltyId: 'L-IT-U' } };
    const response = await post('/v1/store/transactions', { transactions: [known, { ...known, transactionId: 'IT-U-2', storeId: 'NOWHERE-1' }] }, { key: POS_KEY });
    expect(response.status).toBe(400);
    expect(errorBodySchema.parse(response.body)).toMatchObject({ code: 'TP_INGEST_UNKNOWN_STORE', details: [{ path: 'transactions.1.storeId' }] });
    // Same key, same partition: once the later sale is there, the refused one would have been too.
    await accepted('/v1/store/transactions', { transactions: [{ ...known, transactionId: 'IT-U-3' }] }, ['store:AMS-01:IT-U-3:order'], { key: POS_KEY });
    expect(landed.has('store:AMS-01:IT-U-1:order')).toBe(false);
  });

  it("hashes an identify call's email and phone into the keys identity links on, the same keys as the till's", async () => {
    const [identified] = await accepted(
      '/v1/identify',
      { messageId: 'it-identify-pii', userId: 'user-it-pii', traits: { email: 'Sanne@Example.com', phone: '+31 6 12345678', firstName: 'Sanne' } },
      ['it-identify-pii'],
    );
    const sale = { transactionId: 'IT-T-PII', kind: 'order', storeId: 'AMS-01', occurredAt: '2024-05-03T10:15:00Z', lines: [{ productId: 'jacket-1', quantity: 1, unitPrice: 1 }], customer: { email: 'sanne@example.com', phone: '06 12345678' } };
    const [receipt] = await accepted('/v1/store/transactions', { transactions: [sale] }, ['store:AMS-01:IT-T-PII:order'], { key: POS_KEY });
    expect(identified.value.context).toMatchObject({ emailHash: testHasher.emailHash('sanne@example.com'), phoneHash: testHasher.phoneHash('+31612345678') });
    expect(receipt.value.context).toMatchObject({ emailHash: identified.value.context.emailHash, phoneHash: identified.value.context.phoneHash });
    for (const event of [identified, receipt]) expect(JSON.stringify(event.value)).not.toMatch(/sanne|12345678/i);
  });

  it('refuses a store transaction that breaks its schema with the field path', async () => {
    const response = await post('/v1/store/transactions', { transactions: [{ transactionId: 'x', kind: 'sale', storeId: 'S', occurredAt: 'now', lines: [] }] }, { key: POS_KEY });
    expect(response.status).toBe(400);
    expect(errorBodySchema.parse(response.body).details?.map((detail) => detail.path)).toEqual(
      expect.arrayContaining(['transactions.0.kind', 'transactions.0.occurredAt', 'transactions.0.lines']),
    );
  });

  it('refuses malformed JSON with its own code', async () => {
    const response = await post('/v1/track', '{"event": "Product Viewed",');
    expect(response.status).toBe(400);
    expect(errorBodySchema.parse(response.body).code).toBe('TP_INGEST_MALFORMED_JSON');
  });

  it('refuses requests without a known write key with 401', async () => {
    const message = { anonymousId: 'anon-it-4', event: 'Product Viewed' };
    for (const key of [null, 'not_a_known_key']) {
      const response = await post('/v1/track', message, { key });
      expect(response.status).toBe(401);
      expect(errorBodySchema.parse(response.body).code).toBe('TP_INGEST_UNAUTHORIZED');
    }
    const inBody = await post('/v1/track', { ...message, writeKey: 'not_a_known_key' }, { key: null });
    expect(inBody.status).toBe(401);
  });

  it('refuses a message over 32 KB and a request over 500 KB with 413', async () => {
    const message = (bytes: number) => ({ anonymousId: 'anon-it-5', event: 'Product Viewed', properties: { blob: 'x'.repeat(bytes) } });
    const single = await post('/v1/track', message(40 * 1024));
    expect(single.status).toBe(413);
    expect(errorBodySchema.parse(single.body)).toMatchObject({ code: 'TP_INGEST_PAYLOAD_TOO_LARGE', details: [{ path: '(body)' }] });
    const batch = await post('/v1/batch', { batch: Array.from({ length: 20 }, () => ({ type: 'track', ...message(30 * 1024) })) });
    expect(batch.status).toBe(413);
    expect(errorBodySchema.parse(batch.body).code).toBe('TP_INGEST_PAYLOAD_TOO_LARGE');
  });

  it('inflates gzip bodies, bounding the inflated size, and refuses encodings it does not know', async () => {
    const send = async (body: Buffer, encoding: string) => {
      const response = await fetch(`${baseUrl}/v1/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': encoding, authorization: basic(WEB_KEY) },
        body,
      });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const batch = { batch: [{ type: 'track', messageId: 'it-gzip-1', anonymousId: 'anon-it-9', event: 'Product Viewed' }] };
    expect(await send(gzipSync(JSON.stringify(batch)), 'gzip')).toEqual({ status: 200, body: { success: true } });
    acknowledged.push('it-gzip-1');
    await waitFor(() => landed.get('it-gzip-1'), 'the gzipped event');

    const bomb = await send(gzipSync(Buffer.alloc(256 * 1024 * 1024, ' ')), 'gzip');
    expect(bomb.status).toBe(413);
    expect(errorBodySchema.parse(bomb.body).code).toBe('TP_INGEST_PAYLOAD_TOO_LARGE');
    const notGzip = await send(Buffer.from(JSON.stringify(batch)), 'gzip');
    expect(notGzip.status).toBe(400);
    expect(errorBodySchema.parse(notGzip.body).code).toBe('TP_INGEST_MALFORMED_JSON');
    const brotli = await send(Buffer.from(JSON.stringify(batch)), 'br');
    expect(brotli.status).toBe(415);
    expect(errorBodySchema.parse(brotli.body).code).toBe('TP_INGEST_UNSUPPORTED_ENCODING');
  });

  it('acknowledges a repeated messageId without publishing it again, even when sent concurrently', async () => {
    const message = { messageId: 'it-dedupe-1', anonymousId: 'anon-it-10', event: 'Product Viewed', properties: { attempt: 1 } };
    await accepted('/v1/track', message, ['it-dedupe-1']);
    const again = await post('/v1/track', { ...message, properties: { attempt: 2 } });
    expect(again).toMatchObject({ status: 200, body: { success: true } });

    const concurrent = await Promise.all(
      Array.from({ length: 8 }, () => post('/v1/track', { ...message, messageId: 'it-dedupe-2', properties: { attempt: 3 } })),
    );
    const statuses = concurrent.map((response) => response.status);
    expect(statuses).toContain(200);
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
    await waitFor(() => landed.get('it-dedupe-2'), 'the concurrently sent event');
    acknowledged.push('it-dedupe-2');

    // Same key, same partition: once this marker is there, any duplicate would have landed before it.
    await accepted('/v1/track', { messageId: 'it-dedupe-marker', anonymousId: 'anon-it-10', event: 'Product Viewed' }, ['it-dedupe-marker']);
    expect(repeats).not.toContain('it-dedupe-1');
    expect(repeats).not.toContain('it-dedupe-2');
    expect(landed.get('it-dedupe-1')?.value).toMatchObject({ properties: { attempt: 1 } });
  });

  it('answers unknown routes in the JSON error shape and reports ready', async () => {
    const missing = await post('/v1/screen-capture', {});
    expect(missing.status).toBe(404);
    expect(errorBodySchema.parse(missing.body).code).toBe('TP_HTTP_NOT_FOUND');
    const ready = await fetch(`${baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
  });

  it('answers 503 with Retry-After while the broker is down, and loses nothing it acknowledged', async () => {
    await consumer?.disconnect();
    consumer = undefined;
    // The dev broker forgets group members when it restarts, and kafkajs then rejects a promise
    // nobody awaits while the POS consumer leaves its group at shutdown: leave it while the broker is up.
    await app.get(ConsumerRunner).stop();
    await broker?.kill();

    const started = Date.now();
    const down = await post('/v1/track', { messageId: 'it-while-down', anonymousId: 'anon-it-6', event: 'Product Viewed' });
    expect(down.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(errorBodySchema.parse(down.body).code).toBe('TP_INGEST_BROKER_UNAVAILABLE');

    // The broker comes back on the same port with the same log; the client's retry gets through.
    await broker?.restart();
    let retry = await post('/v1/track', { messageId: 'it-while-down', anonymousId: 'anon-it-6', event: 'Product Viewed' });
    const deadline = Date.now() + 20_000;
    while (retry.status === 503 && Date.now() < deadline) {
      retry = await post('/v1/track', { messageId: 'it-while-down', anonymousId: 'anon-it-6', event: 'Product Viewed' });
    }
    expect(retry.status).toBe(200);
    acknowledged.push('it-while-down');

    const replayed = new Map<string, Landed>();
    consumer = await readRawTopic('ingest-spec-replay', replayed);
    await waitFor(() => (acknowledged.every((id) => replayed.has(id)) ? true : undefined), 'every acknowledged event after the restart');
  }, 60_000);
});
