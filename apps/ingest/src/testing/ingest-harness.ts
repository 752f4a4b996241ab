import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type Env, loadServiceConfig } from '@touchpoint/config';
import { type DeadLetter, type SegmentMessage, Topics } from '@touchpoint/contracts';
import { startTestKafka } from '@touchpoint/kafka-testing';
import Redis from 'ioredis';
import type { Consumer, Producer } from 'kafkajs';
import { type IngestOptions, startIngest } from '../app/start-ingest';
import { TEST_HASH_SECRET, TEST_STORE_REGISTRY_FILE } from './test-personal-data';

export const WEB_KEY = 'web_write_key_1';
export const POS_KEY = 'pos_write_key_1';
export const APP_KEY = 'app_write_key_1';
const REDIS_URL = 'redis://127.0.0.1:6379/0';

export const basic = (key: string): string => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

export async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Ingest on a random port against the run's Kafka (its own dev broker, or the run's shared
 * Apache Kafka) and the local Redis (under a key prefix of its own), with a reader of
 * tp.events.raw.v1 and tp.deadletter.v1: the setup every integration spec of ingest needs.
 */
export interface IngestHarness {
  readonly app: INestApplication;
  readonly baseUrl: string;
  readonly brokerAddress: string;
  /** Every raw event read so far, by messageId. */
  readonly landed: ReadonlyMap<string, SegmentMessage>;
  /** Every dead letter read so far. */
  readonly deadLetters: readonly DeadLetter[];
  landedEvent(messageId: string): Promise<SegmentMessage>;
  producer(): Promise<Producer>;
  stop(): Promise<void>;
}

export async function startIngestHarness(options: { readonly env?: Env; readonly readRaw?: boolean; readonly ingest?: IngestOptions } = {}): Promise<IngestHarness> {
  const redisKeyPrefix = `tp-ingest-it-${randomUUID()}:`;
  const broker = await startTestKafka();
  const config = loadServiceConfig('ingest', {
    KAFKA_BROKERS: broker.brokers.join(','),
    KAFKA_TOPIC_PARTITIONS: '2',
    INGEST_HTTP_PORT: '0',
    INGEST_WRITE_KEYS: `web:${WEB_KEY},pos:${POS_KEY},app/shop-app:${APP_KEY}`,
    REDIS_URL,
    REDIS_KEY_PREFIX: redisKeyPrefix,
    LOG_LEVEL: 'silent',
    STORE_REGISTRY_FILE: TEST_STORE_REGISTRY_FILE,
    PERSONAL_DATA_HASH_SECRET: TEST_HASH_SECRET,
    ...options.env,
  });
  const app = await startIngest(config, options.ingest);
  const { kafka } = broker;
  const landed = new Map<string, SegmentMessage>();
  const deadLetters: DeadLetter[] = [];
  let reader: Consumer | undefined;
  if (options.readRaw !== false) {
    // A short long-poll, so disconnecting does not wait out a 5 s fetch.
    reader = kafka.consumer({ groupId: `ingest-spec-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await reader.connect();
    await reader.subscribe({ topics: [Topics.eventsRaw.name, Topics.deadLetter.name], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ topic, message }) => {
        if (topic === Topics.deadLetter.name) {
          deadLetters.push(Topics.deadLetter.schema.parse(JSON.parse(String(message.value))));
          return;
        }
        const value = Topics.eventsRaw.schema.parse(JSON.parse(String(message.value)));
        landed.set(value.messageId, value);
      },
    });
  }
  const producers: Producer[] = [];
  return {
    app,
    baseUrl: await app.getUrl(),
    brokerAddress: broker.address,
    landed,
    deadLetters,
    landedEvent: (messageId) => waitFor(() => landed.get(messageId), `${messageId} on ${Topics.eventsRaw.name}`),
    async producer() {
      const producer = kafka.producer();
      await producer.connect();
      producers.push(producer);
      return producer;
    },
    async stop() {
      for (const producer of producers) await producer.disconnect();
      await reader?.disconnect();
      await app.close();
      await broker.dispose();
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${redisKeyPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}
