import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type DevBrokerOptions, startDevBroker } from '@touchpoint/dev-broker';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';

export type TestKafkaKind = 'dev-broker' | 'apache-kafka';

/**
 * Set by the test runner (tools/test/run-tests.ts) when a run targets one shared Apache Kafka:
 * the kind and the brokers every broker-neutral spec then uses instead of its own dev broker.
 */
export const TEST_KAFKA_KIND_VARIABLE = 'TOUCHPOINT_TEST_KAFKA';
export const TEST_KAFKA_BROKERS_VARIABLE = 'TOUCHPOINT_TEST_KAFKA_BROKERS';

export interface TestKafka {
  readonly kind: TestKafkaKind;
  readonly brokers: readonly string[];
  /** The first broker's host:port. */
  readonly address: string;
  /** A client for the spec's own admin, producers and consumers. */
  readonly kafka: Kafka;
  /** Stops a dev broker this call started and removes its data; leaves a shared Apache Kafka running. */
  dispose(): Promise<void>;
}

/** The broker kind this test run targets. */
export function testKafkaKind(): TestKafkaKind {
  return process.env[TEST_KAFKA_KIND_VARIABLE] === 'apache-kafka' ? 'apache-kafka' : 'dev-broker';
}

/** Brokers of the run's shared Kafka, or null when each spec starts its own dev broker. */
export function sharedTestKafkaBrokers(): readonly string[] | null {
  if (testKafkaKind() !== 'apache-kafka') return null;
  const brokers = (process.env[TEST_KAFKA_BROKERS_VARIABLE] ?? '').split(',').filter(Boolean);
  if (brokers.length === 0) throw new Error(`${TEST_KAFKA_KIND_VARIABLE}=apache-kafka needs ${TEST_KAFKA_BROKERS_VARIABLE}=host:port`);
  return brokers;
}

function client(brokers: readonly string[]): Kafka {
  return new Kafka({ clientId: 'touchpoint-test', brokers: [...brokers], logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100 } });
}

/**
 * Deletes every topic and consumer group an earlier spec left on the shared broker, so each
 * spec starts as it would on a fresh dev broker: the same topic names (the services' own)
 * recur across specs, and a new consumer group would otherwise read an earlier spec's events.
 * Specs on the shared broker therefore run one at a time (see jest.preset.js).
 */
async function emptyBroker(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups.map((group) => group.groupId);
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
    const topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
    if (topics.length === 0) return;
    await admin.deleteTopics({ topics, timeout: 30_000 });
    // Deletion completes asynchronously; creating a topic of the same name before it has
    // would fail, so wait until the metadata no longer lists any of them.
    const deadline = Date.now() + 30_000;
    while ((await admin.listTopics()).some((topic) => topics.includes(topic))) {
      if (Date.now() > deadline) throw new Error(`topics still listed 30 s after deletion: ${topics.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * The Kafka a broker-neutral spec talks to: the run's Apache Kafka when the runner set one
 * up (emptied of what earlier specs left), otherwise a fresh dev broker on a free port with
 * its own temporary data.
 */
export async function startTestKafka(devBrokerOptions: Partial<DevBrokerOptions> = {}): Promise<TestKafka> {
  const shared = sharedTestKafkaBrokers();
  if (shared) {
    const kafka = client(shared);
    await emptyBroker(kafka);
    return { kind: 'apache-kafka', brokers: shared, address: shared[0] ?? '', kafka, dispose: () => Promise.resolve() };
  }
  const dataDir = devBrokerOptions.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tp-test-broker-'));
  const broker = await startDevBroker({ port: 0, logger: pino({ level: process.env['BROKER_LOG_LEVEL'] ?? 'silent' }), ...devBrokerOptions, dataDir });
  return {
    kind: 'dev-broker',
    brokers: [broker.address],
    address: broker.address,
    kafka: client([broker.address]),
    async dispose() {
      await broker.stop();
      if (!devBrokerOptions.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
