import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadServiceConfig } from '@touchpoint/config';
import { type DeadLetter, Topics } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka, testKafkaKind, waitFor } from '@touchpoint/kafka-testing';
import Redis from 'ioredis';
import type { Admin, Consumer, Producer } from 'kafkajs';
import { AppModule } from '../app/app.module';
import { webTrack } from '../testing/raw-events';
import { createTestDatabase, type TestDatabase, testRedisUrl } from '../testing/test-database';
import { TEST_HASH_SECRET } from '../testing/test-identifier-reader';
import { IDENTITY_CONSUMER_GROUP } from './resolve-identity.message.controller';

jest.setTimeout(90_000);

/** Records no consumer can use, each with the code its dead letter must carry (null: applied or dead-lettered, never blocking). */
function poisonRecords(good: object): { readonly label: string; readonly value: Buffer | null; readonly code: string | null }[] {
  const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
  return [
    { label: 'invalid JSON', value: Buffer.from('{"profileId": "not closed'), code: 'TP_CONSUMER_UNDECODABLE' },
    { label: 'not UTF-8', value: Buffer.from([0xff, 0xfe, 0x00, 0x7b]), code: 'TP_CONSUMER_UNDECODABLE' },
    { label: 'empty value', value: null, code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
    { label: 'schema violation', value: json({ hello: 'world' }), code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
    { label: 'wrong type in a field', value: json(Object.fromEntries(Object.keys(good).map((key) => [key, 42]))), code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
    // A later version of the schema, with its fields moved under an envelope.
    { label: 'wrong version', value: json({ version: 2, data: good }), code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
    { label: 'oversized, invalid', value: json({ padding: 'x'.repeat(300 * 1024) }), code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
    // Schemas strip unknown fields, so this one is valid: it must not block, whatever becomes of it.
    { label: 'oversized, valid', value: json({ ...good, padding: 'x'.repeat(300 * 1024) }), code: null },
  ];
}

describe(`identity dead-letters poison on tp.events.raw.v1 and moves on (${testKafkaKind()}, Postgres, Redis)`, () => {
  let kafka: TestKafka;
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let producer: Producer;
  let admin: Admin;
  let reader: Consumer;
  const deadLetters: DeadLetter[] = [];
  const resolved = new Set<string>();
  const keyPrefix = `tp-identity-poison-${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    kafka = await startTestKafka();
    database = await createTestDatabase('poison');
    const config = loadServiceConfig('identity', {
      KAFKA_BROKERS: kafka.brokers.join(','),
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      LOG_LEVEL: 'silent',
      PERSONAL_DATA_HASH_SECRET: TEST_HASH_SECRET,
      STORE_REGISTRY_FILE: path.join(__dirname, '../testing/stores.test.v1.json'),
    });
    app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, { redisKeyPrefix: keyPrefix }), new FastifyAdapter(), { logger: false });
    app.enableShutdownHooks();
    await app.init();
    producer = kafka.kafka.producer();
    await producer.connect();
    admin = kafka.kafka.admin();
    await admin.connect();
    reader = kafka.kafka.consumer({ groupId: `poison-reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await reader.connect();
    await reader.subscribe({ topics: [Topics.deadLetter.name, Topics.eventsResolved.name], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ topic, message }) => {
        const value: unknown = JSON.parse(String(message.value));
        if (topic === Topics.deadLetter.name) deadLetters.push(Topics.deadLetter.schema.parse(value));
        else resolved.add(Topics.eventsResolved.schema.parse(value).event.messageId);
      },
    });
  });

  afterAll(async () => {
    await reader?.disconnect();
    await admin?.disconnect();
    await producer?.disconnect();
    await app?.close();
    const redis = new Redis(testRedisUrl());
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await database?.drop();
    await kafka?.dispose();
  });

  it('dead-letters each poison record with its code and original bytes, and resolves the good event after them', async () => {
    const topic = Topics.eventsRaw.name;
    const anonymousId = `anon-poison-${randomUUID()}`;
    const good = webTrack(anonymousId, 'Product Viewed');
    const poison = poisonRecords(good);
    // One key, so one partition, in this order: the good record is last.
    const [sent] = await producer.send({ topic, acks: -1, messages: [...poison.map(({ value }) => ({ key: anonymousId, value })), { key: anonymousId, value: JSON.stringify(good) }] });
    const first = Number(sent.baseOffset);
    const goodOffset = String(first + poison.length);

    await waitFor(() => (resolved.has(good.messageId) ? true : undefined), `resolution of ${good.messageId}`, 60_000);
    await waitFor(async () => {
      const [offsets] = await admin.fetchOffsets({ groupId: IDENTITY_CONSUMER_GROUP, topics: [topic] });
      const committed = offsets.partitions.find((p) => p.partition === sent.partition)?.offset;
      return committed !== undefined && Number(committed) > Number(goodOffset) ? true : undefined;
    }, `${IDENTITY_CONSUMER_GROUP} committed past ${topic}[${sent.partition}]@${goodOffset}`);

    const ours = (offset: string) => deadLetters.find((letter) => letter.source.topic === topic && letter.source.partition === sent.partition && letter.source.offset === offset);
    await waitFor(() => (poison.every((p, index) => p.code === null || ours(String(first + index))) ? true : undefined), 'the dead letters');
    const verdicts = poison.map((p, index) => {
      const letter = ours(String(first + index));
      return { label: p.label, code: letter?.errorCode ?? null, bytesKept: letter ? letter.value === (p.value ? p.value.toString('base64') : null) : null, group: letter?.consumerGroup ?? IDENTITY_CONSUMER_GROUP };
    });
    expect(verdicts.filter((v) => v.code !== null)).toEqual(poison.filter((p) => p.code !== null).map((p) => ({ label: p.label, code: p.code, bytesKept: true, group: IDENTITY_CONSUMER_GROUP })));
    expect(ours(goodOffset)).toBeUndefined();
  });
});
