import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type ErrorCode, type TopicDefinition } from '@touchpoint/contracts';
import type { Consumer, KafkaMessage } from 'kafkajs';
import type { z } from 'zod';
import { traceIdFrom } from './cloud-events';
import { DeadLetters } from './dead-letters';
import { KafkaClient } from './kafka-client';

export interface MessageContext {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  /** CloudEvents id of the message, when the producer set one. */
  readonly eventId: string | null;
  readonly traceId: string;
}

export interface ConsumerOptions<S extends z.ZodType> {
  readonly groupId: string;
  readonly topic: TopicDefinition<S>;
  readonly handle: (value: z.output<S>, context: MessageContext) => Promise<void>;
  /** Attempts before a failing message is dead-lettered. */
  readonly maxAttempts?: number;
  readonly fromBeginning?: boolean;
}

class UnprocessableMessage extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function headerString(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? String(value[0]) : String(value);
}

/**
 * Runs a consumer group on one declared topic. Each message is parsed against the topic's
 * schema and handed to `handle`; its offset is committed only after `handle` resolved, so
 * effects are durable before the position moves. A message that cannot be decoded, does not
 * match the schema, or keeps failing goes to the dead-letter topic with its error code and
 * the partition moves on: one poison message never blocks a partition.
 */
@Injectable()
export class ConsumerRunner implements OnApplicationShutdown {
  private readonly consumers: Consumer[] = [];
  private readonly logger = new Logger(ConsumerRunner.name);

  constructor(
    private readonly kafka: KafkaClient,
    private readonly deadLetters: DeadLetters,
  ) {}

  async start<S extends z.ZodType>(options: ConsumerOptions<S>): Promise<void> {
    const consumer = this.kafka.client.consumer({ groupId: options.groupId, sessionTimeout: 30_000, heartbeatInterval: 3_000, maxWaitTimeInMs: 500 });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: options.topic.name, fromBeginning: options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        let processed: string | null = null;
        try {
          for (const message of batch.messages) {
            if (!isRunning() || isStale()) break;
            await this.processOne(options, batch.topic, batch.partition, message);
            resolveOffset(message.offset);
            processed = message.offset;
            await heartbeat();
          }
        } finally {
          if (processed !== null) {
            await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(processed) + 1n).toString() }]);
          }
        }
      },
    });
    this.logger.log(`consuming ${options.topic.name} as ${options.groupId}`);
  }

  private async processOne<S extends z.ZodType>(options: ConsumerOptions<S>, topic: string, partition: number, message: KafkaMessage): Promise<void> {
    const source = { topic, partition, message, consumerGroup: options.groupId };
    let value: z.output<S>;
    try {
      value = this.decode(options.topic, message);
    } catch (error) {
      const code = error instanceof UnprocessableMessage ? error.code : 'TP_CONSUMER_UNDECODABLE';
      this.logger.warn(`dead-lettering ${topic}[${partition}]@${message.offset}: ${code} ${String(error)}`);
      await this.deadLetters.send(source, code, error);
      return;
    }
    const context: MessageContext = {
      topic,
      partition,
      offset: message.offset,
      key: message.key ? message.key.toString() : null,
      eventId: headerString(message, 'ce_id') ?? null,
      traceId: traceIdFrom({ traceparent: headerString(message, 'traceparent') }),
    };
    const maxAttempts = options.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        await options.handle(value, context);
        return;
      } catch (error) {
        if (attempt >= maxAttempts) {
          this.logger.error(`dead-lettering ${topic}[${partition}]@${message.offset} after ${attempt} attempts: ${String(error)}`);
          await this.deadLetters.send(source, 'TP_CONSUMER_HANDLER_FAILED', error);
          return;
        }
        await sleep(100 * 4 ** (attempt - 1));
      }
    }
  }

  private decode<S extends z.ZodType>(topic: TopicDefinition<S>, message: KafkaMessage): z.output<S> {
    let json: unknown;
    try {
      json = JSON.parse(message.value ? message.value.toString('utf8') : 'null');
    } catch (error) {
      throw new UnprocessableMessage('TP_CONSUMER_UNDECODABLE', `not JSON: ${String(error)}`);
    }
    const parsed = topic.schema.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
      throw new UnprocessableMessage('TP_CONSUMER_SCHEMA_MISMATCH', where);
    }
    return parsed.data as z.output<S>;
  }

  /** Leaves every group cleanly so partitions move to other instances without waiting for a session timeout. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.consumers.map((consumer) => consumer.disconnect()));
    this.consumers.length = 0;
  }
}
