import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadServiceConfig } from '@touchpoint/config';
import { type DeadLetter, Topics } from '@touchpoint/contracts';
import { poisonConsumerEnv, poisonRecords, poisonOutcome, producePoison, startTestKafka, type TestKafka, testKafkaKind, waitFor } from '@touchpoint/kafka-testing';
import Redis from 'ioredis';
import type { Admin, Consumer, Producer } from 'kafkajs';
import { AppModule } from '../app/app.module';
import { webTrack } from '../testing/raw-events';
import { createTestDatabase, type TestDatabase, testRedisUrl } from '../testing/test-database';
import { TEST_HASH_SECRET } from '../testing/test-identifier-reader';
import { IDENTITY_CONSUMER_GROUP } from './resolve-identity.message.controller';

jest.setTimeout(90_000);

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
      ...poisonConsumerEnv,
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
    const positions = await producePoison(producer, topic, anonymousId, poison, JSON.stringify(good));

    await waitFor(() => (resolved.has(good.messageId) ? true : undefined), `resolution of ${good.messageId}`, 60_000);
    const outcome = await poisonOutcome({ admin, group: IDENTITY_CONSUMER_GROUP, topic, poison, positions, deadLetters });
    expect(outcome.actual).toEqual(outcome.expected);
    expect(outcome.goodRecordLettered).toBe(false);
  });
});
