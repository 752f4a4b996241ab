import { Injectable } from '@nestjs/common';
import { type ErrorCode, Topics } from '@touchpoint/contracts';
import type { KafkaMessage } from 'kafkajs';
import { EventPublisher } from './event-publisher';
import { KafkaMetrics } from './kafka-metrics';

export interface DeadLetterSource {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
  readonly consumerGroup: string;
}

function headersAsStrings(message: KafkaMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return out;
}

/** Sends a message a consumer cannot process to tp.deadletter.v1, original bytes intact. */
@Injectable()
export class DeadLetters {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly metrics: KafkaMetrics,
  ) {}

  async send(source: DeadLetterSource, code: ErrorCode, error: unknown): Promise<void> {
    const { topic, partition, message, consumerGroup } = source;
    await this.publisher.publish(Topics.deadLetter, [
      {
        id: `deadletter:${consumerGroup}:${topic}:${partition}:${message.offset}`,
        value: {
          errorCode: code,
          errorMessage: error instanceof Error ? error.message : String(error),
          source: { topic, partition, offset: message.offset },
          consumerGroup,
          key: message.key ? message.key.toString('base64') : null,
          value: message.value ? message.value.toString('base64') : null,
          headers: headersAsStrings(message),
          failedAt: new Date().toISOString(),
        },
      },
    ]);
    this.metrics.deadLettered(topic, code);
  }
}
