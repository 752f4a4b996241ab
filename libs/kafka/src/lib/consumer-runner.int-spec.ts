import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type DeadLetter, deadLetterSchema, Topics } from '@touchpoint/contracts';
import { type DevBroker, startDevBroker } from '@touchpoint/dev-broker';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { ConsumerRunner } from './consumer-runner';
import { EventPublisher } from './event-publisher';
import { KafkaModule } from './kafka.module';
import { TopicProvisioner } from './topic-provisioner';

const merged = (id: string) => ({
  mergeId: id,
  survivorProfileId: '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10',
  mergedProfileIds: ['1b7e3a2c-9f4d-4e8a-8c6b-2a1d3e4f5a6b'],
  reason: 'loyaltyId',
  identifiers: [{ type: 'loyaltyId' as const, value: 'L-1' }],
  mergedAt: new Date().toISOString(),
  causedByMessageId: `m-${id}`,
});

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('KafkaModule against a real broker', () => {
  let broker: DevBroker;
  let dataDir: string;
  let app: INestApplicationContext;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-kafka-lib-'));
    broker = await startDevBroker({ port: 0, dataDir, logger: pino({ level: 'silent' }) });
    @Module({
      imports: [KafkaModule.forRoot({ brokers: [broker.address], clientId: 'kafka-lib-test', source: 'touchpoint/test', topicPartitions: 2 })],
    })
    class TestModule {}
    app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    app.enableShutdownHooks();
    await app.get(TopicProvisioner).ensure([Topics.identityMerged, Topics.deadLetter]);
  });

  afterAll(async () => {
    await app.close();
    await broker.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('publishes typed values with CloudEvents headers and refuses values that break the schema', async () => {
    const publisher = app.get(EventPublisher);
    const [meta] = await publisher.publish(Topics.identityMerged, [{ id: 'merge-1', value: merged('merge-1') }]);
    expect(meta.errorCode).toBe(0);
    await expect(publisher.publish(Topics.identityMerged, [{ id: 'bad', value: { ...merged('x'), survivorProfileId: 'not-a-uuid' } }])).rejects.toThrow();
  });

  it('hands valid messages to the handler and dead-letters poison and failing ones without blocking', async () => {
    const kafka = new Kafka({ clientId: 'raw', brokers: [broker.address], logLevel: logLevel.NOTHING });
    const handled: string[] = [];
    let failures = 0;
    await app.get(ConsumerRunner).start({
      groupId: 'runner-test',
      topic: Topics.identityMerged,
      maxAttempts: 2,
      handle: async (value) => {
        if (value.mergeId === 'always-fails') {
          failures++;
          throw new Error('boom');
        }
        handled.push(value.mergeId);
      },
    });
    const publisher = app.get(EventPublisher);
    const producer = kafka.producer();
    await producer.connect();
    // Same key, so all land on one partition in this order: poison sits between good messages.
    const key = merged('k').survivorProfileId;
    await publisher.publish(Topics.identityMerged, [{ id: 'a', value: merged('before-poison') }]);
    await producer.send({ topic: Topics.identityMerged.name, messages: [{ key, value: '{not json' }] });
    await producer.send({ topic: Topics.identityMerged.name, messages: [{ key, value: JSON.stringify({ mergeId: 'schema-mismatch' }) }] });
    await publisher.publish(Topics.identityMerged, [{ id: 'b', value: merged('always-fails') }]);
    await publisher.publish(Topics.identityMerged, [{ id: 'c', value: merged('after-poison') }]);
    await producer.disconnect();

    await waitFor(() => (handled.includes('after-poison') ? true : undefined), 'the message after the poison ones');
    expect(handled).toEqual(expect.arrayContaining(['merge-1', 'before-poison', 'after-poison']));
    expect(failures).toBe(2);

    const letters: DeadLetter[] = [];
    const reader = kafka.consumer({ groupId: 'dlq-reader' });
    await reader.connect();
    await reader.subscribe({ topic: Topics.deadLetter.name, fromBeginning: true });
    void reader.run({ eachMessage: async ({ message }) => void letters.push(deadLetterSchema.parse(JSON.parse(String(message.value)))) });
    await waitFor(() => (letters.length >= 3 ? true : undefined), 'three dead letters');
    await reader.disconnect();

    expect(letters.map((l) => l.errorCode).sort()).toEqual(['TP_CONSUMER_HANDLER_FAILED', 'TP_CONSUMER_SCHEMA_MISMATCH', 'TP_CONSUMER_UNDECODABLE']);
    const undecodable = letters.find((l) => l.errorCode === 'TP_CONSUMER_UNDECODABLE');
    expect(Buffer.from(undecodable?.value ?? '', 'base64').toString()).toBe('{not json');
    expect(undecodable?.source.topic).toBe(Topics.identityMerged.name);
    expect(undecodable?.consumerGroup).toBe('runner-test');

    // Offsets get committed past everything, poison included.
    const admin = kafka.admin();
    await admin.connect();
    const sum = (values: string[]): number => values.reduce((total, v) => total + Math.max(0, Number(v)), 0);
    const high = sum((await admin.fetchTopicOffsets(Topics.identityMerged.name)).map((p) => p.high));
    let committed = -1;
    const deadline = Date.now() + 10_000;
    while (committed !== high && Date.now() < deadline) {
      const offsets = await admin.fetchOffsets({ groupId: 'runner-test', topics: [Topics.identityMerged.name] });
      committed = sum(offsets[0].partitions.map((p) => p.offset));
    }
    await admin.disconnect();
    expect(committed).toBe(high);
  }, 40_000);
});
