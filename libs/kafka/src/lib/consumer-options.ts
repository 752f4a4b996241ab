import type { ConsumerSettings } from '@touchpoint/config';
import type { TopicDefinition } from '@touchpoint/contracts';
import type { z } from 'zod';

export interface MessageContext {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  /** CloudEvents id of the message, when the producer set one. */
  readonly eventId: string | null;
  readonly traceId: string;
  /** When ingest accepted the event this message stems from (epoch ms), when a producer up the line said. */
  readonly acceptedAt: number | null;
  /** Fires when the attempt runs past its timeout or the consumer stops; hand it to I/O that takes one. */
  readonly signal: AbortSignal;
  /** 1 for the first attempt at this message in this process. */
  readonly attempt: number;
}

/** One message of a batch: its value and where it came from. */
export interface BatchItem<V> {
  readonly value: V;
  readonly context: Omit<MessageContext, 'signal' | 'attempt'>;
}

/** What one attempt at a batch shares: every item is of this topic and partition, in offset order. */
export interface BatchContext {
  readonly topic: string;
  readonly partition: number;
  /** Fires when the attempt runs past its timeout or the consumer stops; hand it to I/O that takes one. */
  readonly signal: AbortSignal;
  /** 1 for the first attempt at this batch in this process. */
  readonly attempt: number;
  /** The trace of the first item. */
  readonly traceId: string;
}

interface CommonConsumerOptions<S extends z.ZodType> {
  readonly groupId: string;
  readonly topic: TopicDefinition<S>;
  readonly fromBeginning?: boolean;
  /**
   * Partitions handled at the same time by this member (default 1). Each partition still sees
   * one message or run at a time, in order; raise it when the handler waits on I/O (a database
   * transaction) rather than on the CPU.
   */
  readonly partitionsConcurrently?: number;
  /** Overrides the service's consumer settings for this consumer. */
  readonly settings?: Partial<ConsumerSettings>;
}

/** Handles each message on its own. */
export interface MessageConsumerOptions<S extends z.ZodType> extends CommonConsumerOptions<S> {
  readonly handle: (value: z.output<S>, context: MessageContext) => Promise<void>;
  readonly handleBatch?: never;
  readonly maxBatchSize?: never;
}

/**
 * Handles consecutive messages of one partition together, e.g. in one database transaction.
 * A batch is retried, or split into batches of one, as the runner's docblock says; the handler
 * must be idempotent, since a batch redelivered after a crash is applied again.
 */
export interface BatchConsumerOptions<S extends z.ZodType> extends CommonConsumerOptions<S> {
  readonly handleBatch: (items: readonly BatchItem<z.output<S>>[], context: BatchContext) => Promise<void>;
  /** The most messages one call receives; 500 unless set. */
  readonly maxBatchSize?: number;
  readonly handle?: never;
}

export type ConsumerOptions<S extends z.ZodType> = MessageConsumerOptions<S> | BatchConsumerOptions<S>;

export const DEFAULT_MAX_BATCH_SIZE = 500;
