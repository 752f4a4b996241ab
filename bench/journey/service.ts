/**
 * The journey service end to end: the real service as its own process, consuming
 * tp.events.resolved.v1 (3 partitions) from the dev broker (its own process too), writing its
 * state of record to Postgres and its read cache to Redis, publishing transitions.
 *
 * Phase 1, backlog: events produced ahead, then the service starts; throughput is the events
 * applied per second until its consumer group has no lag. Phase 2, steady rate: events
 * produced at a fixed rate, each one a product view of a new product so that it changes the
 * journey; latency is from the produce acknowledgement to its transition arriving on
 * tp.journey.transitions.v2 (p50, p99).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HARNESS_READ_TOKEN, spawnEntry, waitUntilReady } from '@touchpoint/system-harness';
import { type JourneyTransitionV2, type ResolvedEvent, segmentMessageSchema, Topics } from '@touchpoint/contracts';
import { freePort, startDevBrokerProcess } from '@touchpoint/kafka-testing';
import { createTestDatabase, runMigrations } from '@touchpoint/persistence';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import Redis from 'ioredis';
import { journeyDataSourceOptions } from '../../apps/journey/src/persistence/journey-data-source';

export interface ServiceBenchOptions {
  readonly profiles: number;
  readonly backlogEvents: number;
  readonly steadyRate: number;
  readonly steadySeconds: number;
  readonly partitions: number;
}

export interface ServiceBenchFigures {
  readonly backlogEvents: number;
  readonly backlogSeconds: number;
  readonly backlogEventsPerSec: number;
  readonly steadyRate: number;
  readonly steadyEvents: number;
  readonly latencySamples: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly latencyMaxMs: number;
}

const t0 = Date.now() - 10 * 60_000;

function resolvedView(profileId: string, messageId: string, productId: string, at: number): ResolvedEvent {
  const iso = new Date(at).toISOString();
  const event = segmentMessageSchema.parse({
    type: 'track',
    messageId,
    anonymousId: `anon-${profileId}`,
    event: 'Product Viewed',
    properties: { product_id: productId, price: 25 },
    context: { channel: 'web', page: { path: `/p/${productId}` } },
    timestamp: iso,
    receivedAt: iso,
  });
  return { profileId, identifiers: [], event };
}

/** A realistic mix per profile: views, carts, a store sale now and then. */
function backlogEvent(profileId: string, i: number): ResolvedEvent {
  const view = resolvedView(profileId, `bench-${profileId}-${i}`, `product-${i % 40}`, t0 + i * 10);
  if (i % 10 === 3) return { ...view, event: { ...view.event, event: 'Product Added', properties: { product_id: `product-${i % 40}`, quantity: 1, price: 25 } } } as ResolvedEvent;
  if (i % 25 === 7) {
    return {
      ...view,
      event: {
        ...view.event,
        event: 'Order Completed',
        context: { channel: 'store', storeId: 'store-ams-01' },
        properties: { order_id: `o-${profileId}-${i}`, currency: 'EUR', products: [{ product_id: `product-${i % 40}`, quantity: 1, price: 25 }] },
      },
    } as ResolvedEvent;
  }
  return view;
}

async function produce(producer: Producer, events: readonly ResolvedEvent[]): Promise<void> {
  await producer.send({
    topic: Topics.eventsResolved.name,
    messages: events.map((value) => ({ key: value.profileId, value: JSON.stringify(value), headers: { ce_id: value.event.messageId } })),
  });
}

async function lagOf(kafka: Kafka, groupId: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(Topics.eventsResolved.name);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [Topics.eventsResolved.name] });
    const done = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    return ends.reduce((lag, end) => lag + Number(end.offset) - Math.max(0, done.get(end.partition) ?? 0), 0);
  } finally {
    await admin.disconnect();
  }
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export async function runServiceBench(options: ServiceBenchOptions, log: (line: string) => void): Promise<ServiceBenchFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-bench-journey-'));
  const broker = await startDevBrokerProcess(dataDir, await freePort());
  const database = await createTestDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'bench_journey', (url) => runMigrations(journeyDataSourceOptions(url)));
  const keyPrefix = `tp-bench-journey-${randomUUID()}:`;
  const kafka = new Kafka({ clientId: 'bench-journey', brokers: [broker.address], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  let journey: ReturnType<typeof spawnEntry> | null = null;
  try {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [Topics.eventsResolved, Topics.journeyTransitions, Topics.identityMerged, Topics.profileDeleted, Topics.deadLetter].map((t) => ({ topic: t.name, numPartitions: options.partitions })) });
    await admin.disconnect();
    await producer.connect();

    const profiles = Array.from({ length: options.profiles }, () => randomUUID());
    log(`producing a backlog of ${options.backlogEvents} events over ${options.profiles} profiles`);
    const perProfile = Math.ceil(options.backlogEvents / options.profiles);
    const backlog: ResolvedEvent[] = [];
    for (let i = 0; i < perProfile; i++) for (const profileId of profiles) if (backlog.length < options.backlogEvents) backlog.push(backlogEvent(profileId, i));
    for (let i = 0; i < backlog.length; i += 500) await produce(producer, backlog.slice(i, i + 500));

    const port = await freePort();
    const started = Date.now();
    journey = spawnEntry('journey', 'apps/journey/src/main.ts', {
      KAFKA_BROKERS: broker.address,
      DATABASE_URL: database.url,
      REDIS_URL: 'redis://127.0.0.1:6379/0',
      REDIS_KEY_PREFIX: keyPrefix,
      JOURNEY_HTTP_PORT: String(port),
      HTTP_HOST: '127.0.0.1',
      ACCESS_READ_TOKENS: HARNESS_READ_TOKEN,
      LOG_LEVEL: 'warn',
      KAFKA_TOPIC_PARTITIONS: String(options.partitions),
    });
    await waitUntilReady(journey, `http://127.0.0.1:${port}/health/ready`);
    const readyAt = Date.now();
    log(`journey ready after ${readyAt - started} ms; waiting for the backlog`);
    while ((await lagOf(kafka, 'touchpoint-journey')) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    const backlogSeconds = (Date.now() - readyAt) / 1000;

    // Steady rate: each event views a product the profile never saw, so each one changes the journey.
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const consumer = kafka.consumer({ groupId: `bench-watch-${randomUUID()}`, maxWaitTimeInMs: 20 });
    await consumer.connect();
    await consumer.subscribe({ topic: Topics.journeyTransitions.name, fromBeginning: false });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      eachMessage: async ({ message }) => {
        const transition = JSON.parse(message.value?.toString() ?? '{}') as JourneyTransitionV2;
        const sent = sentAt.get(transition.cause.id);
        if (sent !== undefined) latencies.push(Date.now() - sent);
      },
    });
    await joined;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const total = options.steadyRate * options.steadySeconds;
    const tickMs = 50;
    const perTick = Math.max(1, Math.round((options.steadyRate * tickMs) / 1000));
    log(`steady phase: ${options.steadyRate} events/s for ${options.steadySeconds} s`);
    let sent = 0;
    const steadyStart = Date.now();
    while (sent < total) {
      const batch: ResolvedEvent[] = [];
      for (let i = 0; i < perTick && sent < total; i++, sent++) {
        const profileId = profiles[sent % profiles.length];
        batch.push(resolvedView(profileId, `steady-${sent}-${profileId}`, `steady-product-${sent}`, Date.now() - 60_000));
      }
      await produce(producer, batch);
      const now = Date.now();
      for (const event of batch) sentAt.set(event.event.messageId, now);
      const due = steadyStart + (sent / options.steadyRate) * 1000;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    }
    const deadline = Date.now() + 30_000;
    while ((await lagOf(kafka, 'touchpoint-journey')) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await consumer.disconnect();
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      backlogEvents: backlog.length,
      backlogSeconds,
      backlogEventsPerSec: Math.round(backlog.length / backlogSeconds),
      steadyRate: options.steadyRate,
      steadyEvents: total,
      latencySamples: sorted.length,
      latencyP50Ms: percentile(sorted, 50),
      latencyP99Ms: percentile(sorted, 99),
      latencyMaxMs: sorted[sorted.length - 1] ?? NaN,
    };
  } finally {
    await journey?.stop();
    await producer.disconnect().catch(() => undefined);
    broker.child.kill('SIGTERM');
    await broker.exited;
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    const redis = new Redis('redis://127.0.0.1:6379/0');
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
}
