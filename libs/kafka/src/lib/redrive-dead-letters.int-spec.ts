import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { defineTopic, Topics, TouchpointError } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import type { MessageContext } from './consumer-options';
import { ConsumerRunner } from './consumer-runner';
import { EventPublisher } from './event-publisher';
import { KafkaModule } from './kafka.module';
import { REDRIVEN_FROM_HEADER, redriveDeadLetters } from './redrive-dead-letters';
import { readTopicToEnd } from './topic-reader';
import { TopicProvisioner } from './topic-provisioner';
import { merged, waitFor } from '../testing/spec-helpers';

describe('redriveDeadLetters', () => {
  let testKafka: TestKafka;
  let app: INestApplicationContext;

  beforeAll(async () => {
    testKafka = await startTestKafka();
    @Module({ imports: [KafkaModule.forRoot({ brokers: testKafka.brokers, clientId: 'redrive-test', source: 'touchpoint/test', topicPartitions: 2 })] })
    class TestModule {}
    app = await NestFactory.createApplicationContext(TestModule, { logger: false });
  });

  afterAll(async () => {
    await app.close();
    await testKafka.dispose();
  });

  it('republishes matching dead letters to their source once, with original bytes and a header naming the dead letter', async () => {
    const topic = defineTopic({ ...Topics.identityMerged, name: `test.redrive.${randomUUID().slice(0, 8)}` });
    const other = defineTopic({ ...Topics.identityMerged, name: `test.redrive-other.${randomUUID().slice(0, 8)}` });
    await app.get(TopicProvisioner).ensure([topic, other, Topics.deadLetter]);

    // Refuses everything at first, as a handler with a bug that a deploy later fixes.
    let fixed = false;
    const seen: { id: string; context: MessageContext }[] = [];
    const handle = async (value: { mergeId: string }, context: MessageContext): Promise<void> => {
      if (!fixed) throw new TouchpointError('TP_IDENTITY_NO_IDENTIFIER', 'refused before the fix');
      seen.push({ id: value.mergeId, context });
    };
    const runner = app.get(ConsumerRunner);
    await runner.start({ groupId: `redrive-${randomUUID()}`, topic, handle });
    await runner.start({ groupId: `redrive-other-${randomUUID()}`, topic: other, handle });
    const publisher = app.get(EventPublisher);
    await publisher.publish(topic, [
      { id: 'first', value: merged('first') },
      { id: 'second', value: merged('second') },
    ]);
    await publisher.publish(other, [{ id: 'elsewhere', value: merged('elsewhere') }]);

    const letters = async () =>
      (await readTopicToEnd(testKafka.kafka, Topics.deadLetter.name)).filter(({ message }) => [topic.name, other.name].some((name) => String(message.value).includes(name)));
    const deadline = Date.now() + 20_000;
    while ((await letters()).length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await letters()).toHaveLength(3);

    fixed = true;
    const dry = await redriveDeadLetters({ kafka: testKafka.kafka, sourceTopic: topic.name, dryRun: true });
    expect(dry).toMatchObject({ matched: 2, redriven: 0, alreadyRedriven: 0 });

    const first = await redriveDeadLetters({ kafka: testKafka.kafka, sourceTopic: topic.name, errorCode: 'TP_IDENTITY_NO_IDENTIFIER' });
    expect(first).toMatchObject({ matched: 2, redriven: 2, alreadyRedriven: 0 });
    await waitFor(() => (seen.length >= 2 ? true : undefined), 'the re-driven messages to be handled');
    expect(seen.map((s) => s.id).sort()).toEqual(['first', 'second']);
    // The copy is the original: same CloudEvents id, so consumers de-duplicate it as the same event.
    expect(seen.map((s) => s.context.eventId).sort()).toEqual(['first', 'second']);

    const again = await redriveDeadLetters({ kafka: testKafka.kafka, sourceTopic: topic.name });
    expect(again).toMatchObject({ matched: 2, redriven: 0, alreadyRedriven: 2 });

    // The other topic's dead letter was left alone, and can still be re-driven on its own.
    expect(seen.map((s) => s.id)).not.toContain('elsewhere');
    const elsewhere = await redriveDeadLetters({ kafka: testKafka.kafka, sourceTopic: other.name });
    expect(elsewhere).toMatchObject({ matched: 1, redriven: 1 });
    await waitFor(() => (seen.some((s) => s.id === 'elsewhere') ? true : undefined), 'the other re-driven message');

    const copies = await readTopicToEnd(testKafka.kafka, topic.name);
    const redriven = copies.filter(({ message }) => message.headers?.[REDRIVEN_FROM_HEADER] !== undefined);
    expect(redriven).toHaveLength(2);
    expect(redriven.map(({ message }) => JSON.parse(String(message.value)).mergeId).sort()).toEqual(['first', 'second']);
    expect(String(redriven[0].message.headers?.[REDRIVEN_FROM_HEADER])).toMatch(/^\d+:\d+$/);
  }, 60_000);
});
