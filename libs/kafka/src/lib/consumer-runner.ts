import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type ConsumerSettings, consumerSettingsDefaults } from '@touchpoint/config';
import type { TopicDefinition } from '@touchpoint/contracts';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { z } from 'zod';
import { traceIdFrom } from './cloud-events';
import { ConsumerStats } from './consumer-stats';
import { ConsumerWaits } from './consumer-waits';
import { DeadLetters } from './dead-letters';
import { type Classification, classifyFailure } from './failure-classification';
import { KafkaClient } from './kafka-client';
import { KAFKA_MODULE_OPTIONS } from './kafka.module-definition';
import type { KafkaModuleOptions } from './kafka-module-options';
import { type AttemptOutcome, runAttempt } from './message-attempt';
import { decodeMessage } from './message-decoder';
import { decideAfterFailure, type RetryState } from './retry-decision';

export interface MessageContext {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  /** CloudEvents id of the message, when the producer set one. */
  readonly eventId: string | null;
  readonly traceId: string;
  /** Fires when the attempt runs past its timeout or the consumer stops; hand it to I/O that takes one. */
  readonly signal: AbortSignal;
  /** 1 for the first attempt at this message in this process. */
  readonly attempt: number;
}

export interface ConsumerOptions<S extends z.ZodType> {
  readonly groupId: string;
  readonly topic: TopicDefinition<S>;
  readonly handle: (value: z.output<S>, context: MessageContext) => Promise<void>;
  readonly fromBeginning?: boolean;
  /** Overrides the service's consumer settings for this consumer. */
  readonly settings?: Partial<ConsumerSettings>;
}


/** Kafka's customary ratio: several heartbeats fit in a session before the member is dropped. */
const heartbeatEvery = (settings: ConsumerSettings): number => Math.max(100, Math.floor(settings.sessionTimeoutMs / 10));

type Step = { readonly next: 'done' } | { readonly next: 'wait'; readonly delayMs: number } | { readonly next: 'stop' };

interface RunningConsumer {
  readonly consumer: Consumer;
  /** Partitions paused until their next attempt is due. */
  readonly resumeTimers: Set<NodeJS.Timeout>;
}

/** One running consumer group: its kafkajs consumer and the retry state of its partitions. */
interface Subscription<S extends z.ZodType> extends RunningConsumer {
  readonly options: ConsumerOptions<S>;
  readonly settings: ConsumerSettings;
  /** Per partition: the message at its head that failed, and how its retries stand. */
  readonly retries: Map<number, RetryState>;
}

function headerString(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? String(value[0]) : String(value);
}

/**
 * Runs a consumer group on one declared topic. Each message is parsed against the topic's
 * schema and handed to `handle`; its offset is committed only after `handle` resolved, so
 * effects are durable before the position moves. A failure is classified (failure-classification):
 * a bad message goes to the dead-letter topic at once; a dependency that is down makes the
 * partition wait, paused, with the message uncommitted, for as long as it takes; anything else
 * is retried for a bounded time, then dead-lettered. Waiting happens outside kafkajs's batch
 * callback, so other partitions keep flowing and kafkajs keeps heartbeating the group.
 */
@Injectable()
export class ConsumerRunner implements OnModuleDestroy {
  private readonly running: RunningConsumer[] = [];
  private stopping = new AbortController();
  private readonly logger = new Logger(ConsumerRunner.name);

  constructor(
    private readonly kafka: KafkaClient,
    private readonly deadLetters: DeadLetters,
    private readonly waits: ConsumerWaits,
    private readonly stats: ConsumerStats,
    @Inject(KAFKA_MODULE_OPTIONS) private readonly moduleOptions: KafkaModuleOptions,
  ) {}

  async start<S extends z.ZodType>(options: ConsumerOptions<S>): Promise<void> {
    // A runner that was stopped and is started again waits and retries as a new one would.
    if (this.stopping.signal.aborted && this.running.length === 0) this.stopping = new AbortController();
    const settings: ConsumerSettings = { ...consumerSettingsDefaults, ...this.moduleOptions.consumer, ...options.settings };
    const consumer = this.kafka.client.consumer({
      groupId: options.groupId,
      sessionTimeout: settings.sessionTimeoutMs,
      heartbeatInterval: heartbeatEvery(settings),
      maxWaitTimeInMs: 500,
    });
    const subscription: Subscription<S> = {
      options,
      settings,
      consumer,
      retries: new Map(),
      resumeTimers: new Set(),
    };
    this.running.push(subscription);
    this.watchGroup(subscription);
    await consumer.connect();
    await consumer.subscribe({ topic: options.topic.name, fromBeginning: options.fromBeginning ?? true });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (payload) => this.consumeBatch(subscription, payload) });
    this.logger.log(`consuming ${options.topic.name} as ${options.groupId}`);
  }

  /** Forgets retries of partitions that moved to another member; reports a consumer kafkajs gave up on. */
  private watchGroup<S extends z.ZodType>(subscription: Subscription<S>): void {
    const { consumer, options, retries } = subscription;
    const topic = options.topic.name;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.stats.countGroupJoin(options.groupId);
      const assigned = payload.memberAssignment[topic] ?? [];
      for (const partition of retries.keys()) if (!assigned.includes(partition)) retries.delete(partition);
      this.waits.keepOnly(options.groupId, topic, assigned);
      this.waits.clear(options.groupId, topic, null);
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (this.stopping.signal.aborted) return;
      const cause = `${payload.error.name}: ${payload.error.message}`;
      if (payload.restart) {
        this.logger.warn(`consumer of ${topic} (${options.groupId}) restarts after ${cause}`);
        return;
      }
      this.logger.error(`consumer of ${topic} (${options.groupId}) stopped after ${cause}`);
      this.waits.report({ groupId: options.groupId, topic, partition: null, offset: null, cause: `consumer stopped: ${cause}` });
    });
  }

  private async consumeBatch<S extends z.ZodType>(subscription: Subscription<S>, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale, pause, commitOffsetsIfNecessary } = payload;
    let processed: string | null = null;
    try {
      for (const message of batch.messages) {
        if (!isRunning() || isStale() || this.stopping.signal.aborted) break;
        const step = await this.processOne(subscription, batch.partition, message, heartbeat);
        if (step.next === 'stop') break;
        if (step.next === 'wait') {
          this.resumeLater(subscription, pause(), step.delayMs);
          break;
        }
        resolveOffset(message.offset);
        processed = message.offset;
        await heartbeat();
      }
    } finally {
      // What is done is committed even when the batch stops early; the waiting message is not.
      // Not consumer.commitOffsets(): once the consumer is stopping it silently commits nothing.
      if (processed !== null) {
        const offset = (BigInt(processed) + 1n).toString();
        await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset }] }] });
      }
    }
  }

  /** The partition stays paused (fetching nothing, membership kept) until its next attempt is due. */
  private resumeLater<S extends z.ZodType>(subscription: Subscription<S>, resume: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      subscription.resumeTimers.delete(timer);
      if (!this.stopping.signal.aborted) resume();
    }, delayMs);
    subscription.resumeTimers.add(timer);
  }

  private async processOne<S extends z.ZodType>(subscription: Subscription<S>, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<Step> {
    const { options, settings, retries } = subscription;
    const topic = options.topic.name;
    const state = retries.get(partition);
    const retry = state?.offset === message.offset ? state : undefined;
    if (state && !retry) retries.delete(partition);
    // A consumer restarted by kafkajs forgets its pauses and fetches at once; the backoff still holds.
    if (retry && retry.retryAt > Date.now()) return { next: 'wait', delayMs: retry.retryAt - Date.now() };

    let value: z.output<S>;
    try {
      value = decodeMessage(options.topic, message);
    } catch (error) {
      return this.afterFailure(subscription, partition, message, error, false, retry);
    }
    const attempt = (retry?.failures ?? 0) + 1;
    const context: Omit<MessageContext, 'signal'> = {
      topic,
      partition,
      offset: message.offset,
      key: message.key ? message.key.toString() : null,
      eventId: headerString(message, 'ce_id') ?? null,
      traceId: traceIdFrom({ traceparent: headerString(message, 'traceparent') }),
      attempt,
    };
    const outcome: AttemptOutcome = await runAttempt((signal) => options.handle(value, { ...context, signal }), {
      timeoutMs: settings.attemptTimeoutMs,
      // A first attempt may finish during shutdown; a retry is waiting on something and is cut short.
      stop: attempt > 1 ? this.stopping.signal : undefined,
      heartbeat,
      heartbeatEveryMs: heartbeatEvery(settings),
      // A handler stuck on a dependency that never answers (a black-holed connection) shows in readiness too.
      onOverrun: () => {
        const cause = `attempt ${attempt} ran past ${settings.attemptTimeoutMs} ms and was aborted; waiting for it to settle`;
        this.logger.warn(`${topic}[${partition}]@${message.offset}: ${cause}`);
        this.waits.report({ groupId: options.groupId, topic, partition, offset: message.offset, cause });
      },
    });
    if (outcome.ok) {
      if (retry) this.logger.log(`${topic}[${partition}]@${message.offset} handled after ${retry.failures} failed attempt(s) over ${Date.now() - retry.firstFailureAt} ms`);
      retries.delete(partition);
      this.waits.clear(options.groupId, topic, partition);
      return { next: 'done' };
    }
    if (this.stopping.signal.aborted) {
      this.logger.log(`${topic}[${partition}]@${message.offset} left uncommitted at shutdown: ${String(outcome.error)}`);
      return { next: 'stop' };
    }
    return this.afterFailure(subscription, partition, message, outcome.error, outcome.timedOut, retry);
  }

  private async afterFailure<S extends z.ZodType>(
    subscription: Subscription<S>,
    partition: number,
    message: KafkaMessage,
    error: unknown,
    timedOut: boolean,
    retry: RetryState | undefined,
  ): Promise<Step> {
    const { options, settings, retries } = subscription;
    const topic = options.topic.name;
    const where = `${topic}[${partition}]@${message.offset}`;
    const classified = classifyFailure(error);
    const failure: Classification =
      timedOut && classified.kind !== 'dependency'
        ? { kind: 'unclassified', code: 'TP_CONSUMER_HANDLER_TIMEOUT', cause: `no result within ${settings.attemptTimeoutMs} ms` }
        : classified;
    if (failure.kind !== 'permanent') this.stats.countFailure(failure.kind, timedOut);

    let decision = decideAfterFailure(retry ?? null, message.offset, failure, settings, Date.now());
    if (decision.action === 'dead-letter') {
      try {
        await this.deadLetters.send({ topic, partition, message, consumerGroup: options.groupId }, decision.code, error);
        this.stats.countDeadLetter(decision.code);
        const after = retry ? ` after ${retry.failures + 1} attempts` : '';
        this.logger.warn(`dead-lettered ${where} as ${decision.code}${after}: ${failure.cause}`);
        retries.delete(partition);
        this.waits.clear(options.groupId, topic, partition);
        return { next: 'done' };
      } catch (publishError) {
        // Without the dead letter on record the message must not be skipped: wait as on any dependency.
        const unpublished: Classification = { kind: 'dependency', code: decision.code, cause: `dead-letter topic unavailable: ${classifyFailure(publishError).cause}` };
        decision = decideAfterFailure(retry ?? null, message.offset, unpublished, settings, Date.now());
        if (decision.action === 'dead-letter') throw publishError;
      }
    }

    const { state } = decision;
    retries.set(partition, state);
    if (state.last.kind === 'dependency') {
      if (retry?.last.kind !== 'dependency') this.stats.countWaitStarted();
      this.waits.report({ groupId: options.groupId, topic, partition, offset: message.offset, cause: state.last.cause });
    } else {
      this.waits.clear(options.groupId, topic, partition);
    }
    if (decision.announce) {
      const what = state.last.kind === 'dependency' ? 'waits on a dependency' : 'failed';
      const bound = state.last.kind === 'unclassified' ? `, dead-lettered if still failing after ${settings.unclassifiedRetryMs} ms` : '';
      this.logger.warn(`${where} ${what} (attempt ${state.failures}, ${Date.now() - state.firstFailureAt} ms): ${state.last.cause}; next attempt in ${decision.delayMs} ms${bound}`);
    }
    return { next: 'wait', delayMs: decision.delayMs };
  }

  /**
   * Stops fetching, lets a first attempt in flight finish (a retry in flight is aborted: it is
   * waiting on something), commits what is done and leaves every group, so partitions move to
   * other instances without waiting for a session timeout. Runs before other modules close
   * their clients, so the message in flight still reaches Redis, Postgres and the producer.
   */
  async stop(): Promise<void> {
    this.stopping.abort(new Error('the consumer is stopping'));
    for (const { resumeTimers } of this.running) for (const timer of resumeTimers) clearTimeout(timer);
    const results = await Promise.allSettled(this.running.map(({ consumer }) => consumer.disconnect()));
    for (const result of results) if (result.status === 'rejected') this.logger.warn(`leaving a consumer group failed: ${String(result.reason)}`);
    this.running.length = 0;
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }
}
