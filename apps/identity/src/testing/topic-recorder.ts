import { randomBytes } from 'node:crypto';
import type { TopicDefinition } from '@touchpoint/contracts';
import { type Consumer, Kafka, logLevel } from 'kafkajs';
import type { z } from 'zod';

export interface RecordedMessage {
  readonly topic: string;
  /** CloudEvents id: the stable id the producer gave the message. */
  readonly id: string;
  readonly key: string | null;
  /** Producer timestamp, ms. */
  readonly timestamp: number;
  readonly value: unknown;
}

/** Reads topics from the beginning into memory, so a spec can wait for what a service published. */
export class TopicRecorder {
  readonly messages: RecordedMessage[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(brokers: readonly string[], topics: readonly TopicDefinition<z.ZodType>[]): Promise<TopicRecorder> {
    const kafka = new Kafka({ clientId: 'identity-spec-recorder', brokers: [...brokers], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `identity-spec-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 100 });
    const recorder = new TopicRecorder(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: topics.map((topic) => topic.name), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        recorder.messages.push({
          topic,
          id: String(message.headers?.['ce_id'] ?? ''),
          key: message.key ? message.key.toString() : null,
          timestamp: Number(message.timestamp),
          value: JSON.parse(String(message.value)),
        });
      },
    });
    return recorder;
  }

  on<S extends z.ZodType>(topic: TopicDefinition<S>): { id: string; timestamp: number; value: z.output<S> }[] {
    return this.messages
      .filter((message) => message.topic === topic.name)
      .map((message) => ({ id: message.id, timestamp: message.timestamp, value: topic.schema.parse(message.value) as z.output<S> }));
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
