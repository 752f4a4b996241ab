import { Inject, Injectable, Logger, type OnApplicationShutdown, Optional } from '@nestjs/common';
import type { TopicDefinition } from '@touchpoint/contracts';
import { currentLogContext, newTraceId } from '@touchpoint/service-runtime';
import type { Producer, ProducerRecord, RecordMetadata } from 'kafkajs';
import type { z } from 'zod';
import { cloudEventHeaders } from './cloud-events';
import { KafkaClient } from './kafka-client';
import { KafkaMetrics } from './kafka-metrics';
import { cachedKeyPartitioner } from './key-partitioner';
import { partitionOf } from './partition-of';
import { KAFKA_MODULE_OPTIONS } from './kafka.module-definition';
import type { KafkaModuleOptions } from './kafka-module-options';

export interface OutgoingEvent<T> {
  readonly value: T;
  /** Stable id (CloudEvents ce_id): the same logical event always gets the same id. */
  readonly id: string;
  /** Unset: the trace of the message or request being handled (log context), else a new one. */
  readonly traceId?: string;
  readonly time?: string;
  /** Ingest's accept time of the event behind this one (epoch ms), passed on from the input. */
  readonly acceptedAt?: number | null;
}

export interface PublishOptions {
  /**
   * The values are the output of `topic.schema` already (the caller parsed them just before),
   * so they are not parsed again. A value that does not match then reaches the topic.
   */
  readonly parsed?: boolean;
}

/** Where one published message landed. */
export interface MessagePosition {
  readonly partition: number;
  /** Kafka offsets are 64-bit: kept as a decimal string. */
  readonly offset: string;
}

/**
 * Publishes typed values to a declared topic: validated against the topic's schema, keyed
 * by its key extractor, with CloudEvents headers. Resolves only once the cluster acknowledged
 * the write to all in-sync replicas (acks=all) through an idempotent producer.
 */
@Injectable()
export class EventPublisher implements OnApplicationShutdown {
  private producer: Promise<Producer> | null = null;
  /** The send in flight; the next one starts only when it settled (see `send`). */
  private sending: Promise<unknown> = Promise.resolve();
  private readonly partitionCounts = new Map<string, number>();
  private readonly logger = new Logger(EventPublisher.name);

  constructor(
    private readonly kafka: KafkaClient,
    @Inject(KAFKA_MODULE_OPTIONS) private readonly options: KafkaModuleOptions,
    // Optional: specs build a publisher by hand, without the module's metrics.
    @Optional() @Inject(KafkaMetrics) private readonly metrics?: KafkaMetrics,
  ) {}

  private connected(): Promise<Producer> {
    this.producer ??= (async () => {
      // Bounded retries: a caller (an HTTP request) must learn about an unreachable cluster
      // in seconds, not wait forever as kafkajs's idempotent default would.
      const producer = this.kafka.client.producer({
        idempotent: true,
        retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2_000 },
        createPartitioner: cachedKeyPartitioner,
      });
      try {
        await producer.connect();
      } catch (error) {
        this.producer = null;
        throw error;
      }
      return producer;
    })();
    return this.producer;
  }

  /**
   * One send at a time, and a new producer after a failed one. kafkajs numbers an idempotent
   * producer's batches per partition and, when a send fails, winds the numbers back. A send
   * whose request was written but whose answer was lost (a broker killed mid-request) leaves
   * the broker holding those numbers: a second send taking them, with as many messages, is
   * answered as a duplicate and "acknowledged" without being written, and every later batch
   * is refused as out of order. Sends one after the other keep a send's own retries (same
   * numbers, same messages: a true duplicate) apart from the next send, and a fresh producer
   * id after a failure starts numbering anew, so no number is ever reused for other messages.
   */
  private send(record: ProducerRecord): Promise<RecordMetadata[]> {
    const run = this.sending.then(async () => {
      const current = this.connected();
      const producer = await current;
      try {
        return await producer.send(record);
      } catch (error) {
        if (this.producer === current) {
          this.producer = null;
          producer.disconnect().catch((reason: unknown) => this.logger.warn(`disconnecting a failed producer: ${String(reason)}`));
        }
        throw error;
      }
    });
    this.sending = run.catch(() => undefined);
    return run;
  }

  /** Connects ahead of the first publish, so readiness reflects the cluster. */
  async connect(): Promise<void> {
    await this.connected();
  }

  async publish<S extends z.ZodType>(topic: TopicDefinition<S>, events: readonly OutgoingEvent<z.output<S>>[], options: PublishOptions = {}): Promise<RecordMetadata[]> {
    if (events.length === 0) return [];
    const written = await this.send({ topic: topic.name, acks: -1, messages: this.encode(topic, events, options) });
    this.metrics?.published(topic.name, events.length);
    return written;
  }

  /**
   * Publishes like `publish` and says where each event landed, in the order given: each is
   * sent to the partition of its key explicitly (the default partitioner's choice), so the
   * broker's base offset per partition gives every event's offset.
   */
  async publishWithPositions<S extends z.ZodType>(topic: TopicDefinition<S>, events: readonly OutgoingEvent<z.output<S>>[]): Promise<MessagePosition[]> {
    if (events.length === 0) return [];
    const partitions = await this.partitionCount(topic.name);
    const messages = this.encode(topic, events).map((message) => ({ ...message, partition: partitionOf(topic.name, message.key, partitions) }));
    const written = await this.send({ topic: topic.name, acks: -1, messages });
    this.metrics?.published(topic.name, messages.length);
    const next = new Map(written.map((meta) => [meta.partition, BigInt(meta.baseOffset ?? '0')]));
    return messages.map(({ partition }) => {
      const offset = next.get(partition);
      if (offset === undefined) throw new Error(`the broker did not report partition ${partition} of ${topic.name}`);
      next.set(partition, offset + 1n);
      return { partition, offset: offset.toString() };
    });
  }

  /** Null values for the keys: a compacted topic forgets them. */
  async publishTombstones(topic: TopicDefinition<z.ZodType>, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.send({ topic: topic.name, acks: -1, messages: keys.map((key) => ({ key, value: null })) });
    this.metrics?.published(topic.name, keys.length);
  }

  private async partitionCount(topic: string): Promise<number> {
    const known = this.partitionCounts.get(topic);
    if (known !== undefined) return known;
    const admin = await this.kafka.connectedAdmin();
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const count = topics[0]?.partitions.length ?? 0;
    if (count === 0) throw new Error(`topic ${topic} has no partitions`);
    this.partitionCounts.set(topic, count);
    return count;
  }

  private encode<S extends z.ZodType>(topic: TopicDefinition<S>, events: readonly OutgoingEvent<z.output<S>>[], options: PublishOptions = {}) {
    return events.map((event) => {
      const value = options.parsed ? event.value : (topic.schema.parse(event.value) as z.output<S>);
      return {
        key: topic.key(value),
        value: JSON.stringify(value),
        headers: cloudEventHeaders({
          id: event.id,
          type: topic.eventType,
          source: this.options.source,
          time: event.time ?? new Date().toISOString(),
          traceId: event.traceId ?? currentLogContext()?.traceId ?? newTraceId(),
          acceptedAt: event.acceptedAt,
        }),
      };
    });
  }

  /** After every module's destroy hook: consumers draining at shutdown still publish their outputs. */
  async onApplicationShutdown(): Promise<void> {
    await this.sending;
    if (!this.producer) return;
    try {
      await (await this.producer).disconnect();
    } catch (error) {
      this.logger.warn(`producer disconnect failed: ${String(error)}`);
    }
    this.producer = null;
  }
}
