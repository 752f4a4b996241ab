import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ConsumerSettings } from '@touchpoint/config';
import { type DeadLetter, deadLetterSchema, defineTopic, Topics } from '@touchpoint/contracts';
import { MetricsModule } from '@touchpoint/service-runtime';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import type { Kafka, Message, Producer } from 'kafkajs';
import { KafkaModule } from '../lib/kafka.module';
import { KafkaReadinessProbe } from '../lib/kafka.readiness-probe';
import { readTopicToEnd } from '../lib/topic-reader';
import { TopicProvisioner } from '../lib/topic-provisioner';

/** A topic of its own per test (same schema as tp.identity.merged.v1), so tests and runs never share offsets. */
export const testTopic = () =>
  defineTopic({ ...Topics.identityMerged, name: `test.consumer-runner.${randomUUID().slice(0, 8)}`, description: 'consumer runner spec' });

export type TestTopic = ReturnType<typeof testTopic>;

/** Short bounds so a spec sees every path within seconds. */
export const fastSettings: Partial<ConsumerSettings> = { attemptTimeoutMs: 5_000, unclassifiedRetryMs: 1_500, backoff: { initialMs: 50, maxMs: 200 } };

/** The run's Kafka, a raw producer and the Nest apps a consumer-runner spec starts on it; `dispose()` closes them all. */
export class RunnerSpecHarness {
  private readonly apps: INestApplicationContext[] = [];

  private constructor(
    readonly testKafka: TestKafka,
    private readonly producer: Producer,
  ) {}

  static async start(): Promise<RunnerSpecHarness> {
    const testKafka = await startTestKafka();
    const producer = testKafka.kafka.producer();
    await producer.connect();
    return new RunnerSpecHarness(testKafka, producer);
  }

  get kafka(): Kafka {
    return this.testKafka.kafka;
  }

  /** An app with the Kafka module (two partitions per provisioned topic) and its readiness probe; with `metrics`, as services run it. */
  async startApp(address = this.testKafka.address, options: { readonly metrics?: boolean } = {}): Promise<INestApplicationContext> {
    @Module({
      imports: [
        KafkaModule.forRoot({ brokers: [address], clientId: 'kafka-lib-test', source: 'touchpoint/test', topicPartitions: 2 }),
        ...(options.metrics ? [MetricsModule.forRoot('kafka-lib-test')] : []),
      ],
      providers: [KafkaReadinessProbe],
    })
    class TestModule {}
    const app = await NestFactory.createApplicationContext(TestModule, { logger: process.env['SPEC_LOGS'] ? ['log', 'warn', 'error'] : false });
    this.apps.push(app);
    return app;
  }

  /** Closes an app before the end of the spec, e.g. to see what its shutdown does. */
  async closeApp(app: INestApplicationContext): Promise<void> {
    this.apps.splice(this.apps.indexOf(app), 1);
    await app.close();
  }

  async provision(app: INestApplicationContext, ...topics: TestTopic[]): Promise<void> {
    await app.get(TopicProvisioner).ensure([...topics, Topics.deadLetter]);
  }

  /** Raw writes, so a test puts poison (or a chosen partition) exactly where it wants it. */
  async send(topic: string, partition: number, ...values: string[]): Promise<void> {
    await this.producer.send({ topic, acks: -1, messages: values.map((value) => ({ partition, key: 'k', value })) });
  }

  /** Raw records with keys and headers of their own; where each landed, in order. */
  async sendRecords(topic: string, partition: number, messages: readonly Message[]): Promise<string[]> {
    const offsets: string[] = [];
    // One request each: a few large records together would exceed the broker's batch limit.
    for (const message of messages) {
      const [sent] = await this.producer.send({ topic, acks: -1, messages: [{ ...message, partition }] });
      offsets.push(sent.baseOffset ?? sent.offset ?? '-1');
    }
    return offsets;
  }

  async deadLettersOf(topic: string): Promise<DeadLetter[]> {
    const records = await readTopicToEnd(this.kafka, Topics.deadLetter.name);
    return records.map(({ message }) => deadLetterSchema.parse(JSON.parse(String(message.value)))).filter((letter) => letter.source.topic === topic);
  }

  /** The committed offset of each partition, "-1" where nothing is. */
  async committed(groupId: string, topic: string): Promise<Record<number, string>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return Object.fromEntries(offsets.partitions.map((p) => [p.partition, p.offset]));
    } finally {
      await admin.disconnect();
    }
  }

  async dispose(): Promise<void> {
    await this.producer.disconnect();
    for (const app of this.apps.splice(0)) await app.close();
    await this.testKafka.dispose();
  }
}
