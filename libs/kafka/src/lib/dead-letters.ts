import { Injectable } from '@nestjs/common';
import { type ErrorCode, Topics } from '@touchpoint/contracts';
import type { KafkaMessage } from 'kafkajs';
import { carriedCopyOf, carriedErrorMessage } from './dead-letter-copy';
import { EventPublisher } from './event-publisher';
import { KafkaMetrics } from './kafka-metrics';

export interface DeadLetterSource {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
  readonly consumerGroup: string;
}

/**
 * Sends a message a consumer cannot process to tp.deadletter.v1, original bytes intact; parts
 * too large for the dead-letter topic are cut to a prefix and the letter is marked `truncated`.
 */
@Injectable()
export class DeadLetters {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly metrics: KafkaMetrics,
  ) {}

  async send(source: DeadLetterSource, code: ErrorCode, error: unknown): Promise<void> {
    const { topic, partition, message, consumerGroup } = source;
    const { key, value, headers, valueBytes, truncated } = carriedCopyOf(message);
    await this.publisher.publish(Topics.deadLetter, [
      {
        id: `deadletter:${consumerGroup}:${topic}:${partition}:${message.offset}`,
        value: {
          errorCode: code,
          errorMessage: carriedErrorMessage(error),
          source: { topic, partition, offset: message.offset },
          consumerGroup,
          key,
          value,
          headers,
          failedAt: new Date().toISOString(),
          valueBytes,
          ...(truncated ? { truncated } : {}),
        },
      },
    ]);
    this.metrics.deadLettered(topic, code);
  }
}
