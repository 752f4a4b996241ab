import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { defineTopic, Topics } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import { EventPublisher } from './event-publisher';
import { KafkaModule } from './kafka.module';
import { partitionOf } from './partition-of';
import { readTopicToEnd } from './topic-reader';
import { TopicProvisioner } from './topic-provisioner';
import { merged } from '../testing/spec-helpers';

describe('EventPublisher positions and tombstones', () => {
  let testKafka: TestKafka;
  let app: INestApplicationContext;

  beforeAll(async () => {
    testKafka = await startTestKafka();
    @Module({ imports: [KafkaModule.forRoot({ brokers: testKafka.brokers, clientId: 'publisher-test', source: 'touchpoint/test', topicPartitions: 3 })] })
    class TestModule {}
    app = await NestFactory.createApplicationContext(TestModule, { logger: false });
  });

  afterAll(async () => {
    await app.close();
    await testKafka.dispose();
  });

  it('says where each event landed: the partition of its key, and its offset there', async () => {
    const topic = defineTopic({ ...Topics.identityMerged, name: `test.positions.${randomUUID().slice(0, 8)}` });
    await app.get(TopicProvisioner).ensure([topic]);
    const publisher = app.get(EventPublisher);
    const events = Array.from({ length: 12 }, (_, i) => ({ id: `m-${i}`, value: { ...merged(`merge-${i}`), survivorProfileId: randomUUID() } }));
    await publisher.publish(topic, events.slice(0, 2));
    const positions = await publisher.publishWithPositions(topic, events.slice(2));

    const records = await readTopicToEnd(testKafka.kafka, topic.name);
    const at = new Map(records.map(({ partition, message }) => [`${partition}@${message.offset}`, String(message.value)]));
    positions.forEach((position, i) => {
      const event = events[i + 2];
      expect(position.partition).toBe(partitionOf(topic.name, topic.key(event.value), 3));
      expect(JSON.parse(at.get(`${position.partition}@${position.offset}`) ?? 'null')).toEqual(event.value);
    });
    expect(new Set(positions.map((p) => p.partition)).size).toBeGreaterThan(1);
  });

  it('publishes null values for tombstoned keys', async () => {
    const topic = defineTopic({ ...Topics.recommendationsState, name: `test.tombstones.${randomUUID().slice(0, 8)}` });
    await app.get(TopicProvisioner).ensure([topic]);
    await app.get(EventPublisher).publishTombstones(topic, ['gone-1', 'gone-2']);
    const records = await readTopicToEnd(testKafka.kafka, topic.name);
    expect(records.map(({ message }) => [String(message.key), message.value]).sort()).toEqual([
      ['gone-1', null],
      ['gone-2', null],
    ]);
  });
});
