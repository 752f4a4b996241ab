import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type ConsumerSettings, consumerSettingsDefaults } from '@touchpoint/config';
import { currentLogContext, newTraceId, traceIdOf, withLogContext } from '@touchpoint/service-runtime';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { z } from 'zod';
import { acceptedAtFrom, ACCEPTED_AT_HEADER } from './cloud-events';
import { type BatchContext, type BatchItem, type ConsumerOptions, DEFAULT_MAX_BATCH_SIZE } from './consumer-options';
import { ConsumerStats } from './consumer-stats';
import { ConsumerWaits } from './consumer-waits';
import { DeadLetters } from './dead-letters';
import { type Classification, classifyFailure } from './failure-classification';
import { KafkaClient } from './kafka-client';
import { KafkaMetrics } from './kafka-metrics';
import { KAFKA_MODULE_OPTIONS } from './kafka.module-definition';
import type { KafkaModuleOptions } from './kafka-module-options';
import { type AttemptOutcome, runAttempt } from './message-attempt';
import { decodeFetched } from './message-decoder';
import { type MessageRun, messagesOf, type RunLimit, runAt } from './message-runs';
import { decideAfterFailure, type RetryState } from './retry-decision';
import { runLogContext } from './run-log-context';

/** Kafka's customary ratio: several heartbeats fit in a session before the member is dropped. */
const heartbeatEvery = (settings: ConsumerSettings): number => Math.max(100, Math.floor(settings.sessionTimeoutMs / 10));

type Step =
  | { readonly next: 'done' }
  | { readonly next: 'wait'; readonly delayMs: number }
  | { readonly next: 'stop' }
  /** A run of several messages failed, not on a dependency: its messages are to be handled one at a time. */
  | { readonly next: 'one-at-a-time' };

/** Either handler as one shape: `handle` is the case of runs of one. */
type RunHandler<V> = (items: readonly BatchItem<V>[], context: BatchContext) => Promise<void>;

interface RunningConsumer {
  readonly consumer: Consumer;
  /** Partitions paused until their next attempt is due. */
  readonly resumeTimers: Set<NodeJS.Timeout>;
}

/** The run at the head of a partition that failed, and how its retries stand (`retry.offset` is its first offset). */
interface FailedRun {
  readonly retry: RetryState;
  readonly lastOffset: string;
}

/** One running consumer group: its kafkajs consumer and the retry state of its partitions. */
interface Subscription<S extends z.ZodType> extends RunningConsumer {
  readonly options: ConsumerOptions<S>;
  readonly settings: ConsumerSettings;
  readonly handleRun: RunHandler<z.output<S>>;
  readonly maxRunSize: number;
  /** Per partition: the run at its head that failed. */
  readonly failedRuns: Map<number, FailedRun>;
  /** Per partition: the last offset of a run of several that failed; its messages are handled one at a time up to there. */
  readonly oneAtATimeThrough: Map<number, string>;
}

function headerString(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? String(value[0]) : String(value);
}

function itemContext(topic: string, partition: number, message: KafkaMessage): BatchItem<unknown>['context'] {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString() : null,
    eventId: headerString(message, 'ce_id') ?? null,
    // Without a traceparent of its own, a message joins the trace of the run it is handled in (run-log-context).
    traceId: traceIdOf(headerString(message, 'traceparent')) ?? currentLogContext()?.traceId ?? newTraceId(),
    acceptedAt: acceptedAtFrom(headerString(message, ACCEPTED_AT_HEADER)),
  };
}

/** "tp.events.raw.v1[2]@41", or "tp.events.raw.v1[2]@41..90" for a run of several. */
function describeRun(topic: string, partition: number, messages: readonly KafkaMessage[]): string {
  const last = messages.length > 1 ? `..${messages[messages.length - 1].offset}` : '';
  return `${topic}[${partition}]@${messages[0].offset}${last}`;
}

function runHandlerOf<S extends z.ZodType>(options: ConsumerOptions<S>): { readonly handleRun: RunHandler<z.output<S>>; readonly maxRunSize: number } {
  if (options.handleBatch) {
    const maxRunSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    if (!Number.isInteger(maxRunSize) || maxRunSize < 1) throw new Error(`maxBatchSize of ${options.groupId} must be a positive integer, not ${maxRunSize}`);
    return { handleRun: options.handleBatch, maxRunSize };
  }
  const { handle } = options;
  // With runs of one, every run has exactly one item.
  return { handleRun: ([item], { signal, attempt }) => handle(item.value, { ...item.context, signal, attempt }), maxRunSize: 1 };
}

/**
 * Runs a consumer group on one declared topic. Each message is parsed against the topic's
 * schema (a value over `maxMessageBytes` is not even parsed: dead-lettered as
 * TP_CONSUMER_MESSAGE_TOO_LARGE) and handed to `handle`; its offset is committed only after `handle` resolved, so
 * effects are durable before the position moves. A failure is classified (failure-classification):
 * a bad message goes to the dead-letter topic at once; a dependency that is down makes the
 * partition wait, paused, with the message uncommitted, for as long as it takes; anything else
 * is retried for a bounded time, then dead-lettered. Waiting happens outside kafkajs's batch
 * callback, so other partitions keep flowing and kafkajs keeps heartbeating the group.
 *
 * With `handleBatch` instead, the unit of work is a run: consecutive decodable messages of one
 * fetched batch (one partition), in offset order, at most `maxBatchSize` of them.
 * - A run is handed to `handleBatch` in one attempt (timeout, abort, heartbeats as for one
 *   message); once it resolved, every offset of the run is committed.
 * - An undecodable message ends the run before it and is dead-lettered in its position, as in
 *   per-message mode; the run after it follows.
 * - A run that fails on a dependency waits as one message would (partition paused, retry state
 *   and readiness at the run's first offset, same backoff) and the same run is attempted again.
 * - A run of several that fails otherwise is taken apart: its messages go one at a time, each a
 *   run of one, so only the bad one is dead-lettered and the others are applied in order. A run
 *   of one follows the per-message rules exactly; `handle` is that case. Past the run taken
 *   apart, messages form runs again.
 * Shutdown, rebalances and heartbeats treat a run as they treat one message. Handlers must be
 * idempotent: a batch redelivered after a crash is applied again.
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
    private readonly metrics: KafkaMetrics,
    @Inject(KAFKA_MODULE_OPTIONS) private readonly moduleOptions: KafkaModuleOptions,
  ) {}

  async start<S extends z.ZodType>(options: ConsumerOptions<S>): Promise<void> {
    const { handleRun, maxRunSize } = runHandlerOf(options);
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
      handleRun,
      maxRunSize,
      consumer,
      failedRuns: new Map(),
      oneAtATimeThrough: new Map(),
      resumeTimers: new Set(),
    };
    this.running.push(subscription);
    this.watchGroup(subscription);
    await consumer.connect();
    await consumer.subscribe({ topic: options.topic.name, fromBeginning: options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: Math.max(1, options.partitionsConcurrently ?? 1),
      eachBatch: (payload) => this.consumeBatch(subscription, payload),
    });
    this.logger.log(`consuming ${options.topic.name} as ${options.groupId}`);
  }

  /** Forgets retries of partitions that moved to another member; reports a consumer kafkajs gave up on. */
  private watchGroup<S extends z.ZodType>(subscription: Subscription<S>): void {
    const { consumer, options, failedRuns, oneAtATimeThrough } = subscription;
    const topic = options.topic.name;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.stats.countGroupJoin(options.groupId);
      const assigned = payload.memberAssignment[topic] ?? [];
      for (const partitionState of [failedRuns, oneAtATimeThrough]) {
        for (const partition of partitionState.keys()) if (!assigned.includes(partition)) partitionState.delete(partition);
      }
      this.waits.keepOnly(options.groupId, topic, assigned);
      this.waits.clear(options.groupId, topic, null);
      this.metrics.keepLagOf(topic, options.groupId, assigned);
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
    const fetched = batch.messages.map((message) => decodeFetched(subscription.options.topic, message, subscription.settings.maxMessageBytes));
    let processed: string | null = null;
    try {
      let index = 0;
      while (index < fetched.length) {
        if (!isRunning() || isStale() || this.stopping.signal.aborted) break;
        const run = runAt(fetched, index, this.runLimitAt(subscription, batch.partition, fetched[index].message.offset));
        // Every line logged while the run is handled, by the runner or the handler, names it.
        const step = await withLogContext(runLogContext(batch.topic, batch.partition, run), () => this.processRun(subscription, batch.partition, run, heartbeat));
        if (step.next === 'stop') break;
        if (step.next === 'wait') {
          this.resumeLater(subscription, pause(), step.delayMs);
          break;
        }
        if (step.next === 'one-at-a-time') continue;
        const messages = messagesOf(run);
        const last = messages[messages.length - 1].offset;
        resolveOffset(last);
        processed = last;
        index += messages.length;
        await heartbeat();
      }
    } finally {
      // What is done is committed even when the batch stops early; the waiting run is not.
      // Not consumer.commitOffsets(): once the consumer is stopping it silently commits nothing.
      if (processed !== null) {
        const next = BigInt(processed) + 1n;
        const offset = next.toString();
        this.metrics.lag(batch.topic, batch.partition, subscription.options.groupId, BigInt(batch.highWatermark) - next);
        await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset }] }] });
      }
    }
  }

  /** How long the run starting at `offset` may be; forgets a one-at-a-time stretch once it is behind. */
  private runLimitAt<S extends z.ZodType>(subscription: Subscription<S>, partition: number, offset: string): RunLimit {
    const { maxRunSize, failedRuns, oneAtATimeThrough } = subscription;
    const oneAtATime = oneAtATimeThrough.get(partition);
    if (oneAtATime !== undefined && BigInt(offset) <= BigInt(oneAtATime)) return { maxSize: 1 };
    oneAtATimeThrough.delete(partition);
    // A run waiting on a dependency is attempted again as it was, not grown by what arrived since.
    const failed = failedRuns.get(partition);
    if (failed?.retry.offset === offset) return { maxSize: maxRunSize, throughOffset: failed.lastOffset };
    return { maxSize: maxRunSize };
  }

  /** The partition stays paused (fetching nothing, membership kept) until its next attempt is due. */
  private resumeLater<S extends z.ZodType>(subscription: Subscription<S>, resume: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      subscription.resumeTimers.delete(timer);
      if (!this.stopping.signal.aborted) resume();
    }, delayMs);
    subscription.resumeTimers.add(timer);
  }

  private async processRun<S extends z.ZodType>(subscription: Subscription<S>, partition: number, run: MessageRun<z.output<S>>, heartbeat: () => Promise<void>): Promise<Step> {
    const { options, settings, failedRuns } = subscription;
    const topic = options.topic.name;
    const messages = messagesOf(run);
    const head = messages[0];
    const lastOffset = messages[messages.length - 1].offset;
    const where = describeRun(topic, partition, messages);
    const failed = failedRuns.get(partition);
    const retry = failed?.retry.offset === head.offset ? failed.retry : undefined;
    if (failed && !retry) failedRuns.delete(partition);
    // A consumer restarted by kafkajs forgets its pauses and fetches at once; the backoff still holds.
    if (retry && retry.retryAt > Date.now()) return { next: 'wait', delayMs: retry.retryAt - Date.now() };

    if (run.kind === 'undecodable') return this.afterFailure(subscription, partition, run, this.judge(run.item.error, false, settings), run.item.error, retry);

    const attempt = (retry?.failures ?? 0) + 1;
    const items: BatchItem<z.output<S>>[] = run.items.map(({ message, value }) => ({ value, context: itemContext(topic, partition, message) }));
    const attemptStarted = process.hrtime.bigint();
    const outcome: AttemptOutcome = await runAttempt((signal) => subscription.handleRun(items, { topic, partition, signal, attempt, traceId: items[0].context.traceId }), {
      timeoutMs: settings.attemptTimeoutMs,
      // A first attempt may finish during shutdown; a retry is waiting on something and is cut short.
      stop: attempt > 1 ? this.stopping.signal : undefined,
      heartbeat,
      heartbeatEveryMs: heartbeatEvery(settings),
      // A handler stuck on a dependency that never answers (a black-holed connection) shows in readiness too.
      onOverrun: () => {
        const cause = `attempt ${attempt} ran past ${settings.attemptTimeoutMs} ms and was aborted; waiting for it to settle`;
        this.logger.warn(`${where}: ${cause}`);
        this.waits.report({ groupId: options.groupId, topic, partition, offset: head.offset, cause });
      },
    });
    const seconds = Number(process.hrtime.bigint() - attemptStarted) / 1e9;
    if (outcome.ok) {
      this.metrics.handled(topic, options.groupId, items.length, seconds);
      if (retry) this.logger.log(`${where} handled after ${retry.failures} failed attempt(s) over ${Date.now() - retry.firstFailureAt} ms`);
      failedRuns.delete(partition);
      this.waits.clear(options.groupId, topic, partition);
      return { next: 'done' };
    }
    this.metrics.failed(topic, options.groupId, seconds);
    if (this.stopping.signal.aborted) {
      this.logger.log(`${where} left uncommitted at shutdown: ${String(outcome.error)}`);
      return { next: 'stop' };
    }
    const failure = this.judge(outcome.error, outcome.timedOut, settings);
    if (items.length > 1 && failure.kind !== 'dependency') {
      this.logger.warn(`${where}: the batch of ${items.length} failed (${failure.cause}); handling its messages one at a time`);
      failedRuns.delete(partition);
      this.waits.clear(options.groupId, topic, partition);
      subscription.oneAtATimeThrough.set(partition, lastOffset);
      return { next: 'one-at-a-time' };
    }
    return this.afterFailure(subscription, partition, run, failure, outcome.error, retry);
  }

  /** Classifies a failed attempt (a timeout is unclassified unless a dependency's error settled it) and counts it. */
  private judge(error: unknown, timedOut: boolean, settings: ConsumerSettings): Classification {
    const classified = classifyFailure(error);
    const failure: Classification =
      timedOut && classified.kind !== 'dependency'
        ? { kind: 'unclassified', code: 'TP_CONSUMER_HANDLER_TIMEOUT', cause: `no result within ${settings.attemptTimeoutMs} ms` }
        : classified;
    if (failure.kind !== 'permanent') this.stats.countFailure(failure.kind, timedOut);
    return failure;
  }

  /**
   * Dead-letters the run or makes its partition wait. Only a run of one can come to a dead
   * letter: a run of several gets here only with a dependency failure, which never dead-letters.
   */
  private async afterFailure<S extends z.ZodType>(
    subscription: Subscription<S>,
    partition: number,
    run: MessageRun<z.output<S>>,
    failure: Classification,
    error: unknown,
    retry: RetryState | undefined,
  ): Promise<Step> {
    const { options, settings, failedRuns } = subscription;
    const topic = options.topic.name;
    const messages = messagesOf(run);
    const head = messages[0];
    const lastOffset = messages[messages.length - 1].offset;
    const where = describeRun(topic, partition, messages);

    let decision = decideAfterFailure(retry ?? null, head.offset, failure, settings, Date.now());
    if (decision.action === 'dead-letter') {
      try {
        await this.deadLetters.send({ topic, partition, message: head, consumerGroup: options.groupId }, decision.code, error);
        this.stats.countDeadLetter(decision.code);
        const after = retry ? ` after ${retry.failures + 1} attempts` : '';
        this.logger.warn(`dead-lettered ${where} as ${decision.code}${after}: ${failure.cause}`);
        failedRuns.delete(partition);
        this.waits.clear(options.groupId, topic, partition);
        return { next: 'done' };
      } catch (publishError) {
        // Without the dead letter on record the message must not be skipped: wait as on any dependency.
        const unpublished: Classification = { kind: 'dependency', code: decision.code, cause: `dead-letter topic unavailable: ${classifyFailure(publishError).cause}` };
        decision = decideAfterFailure(retry ?? null, head.offset, unpublished, settings, Date.now());
        if (decision.action === 'dead-letter') throw publishError;
      }
    }

    const { state } = decision;
    failedRuns.set(partition, { retry: state, lastOffset });
    if (state.last.kind === 'dependency') {
      if (retry?.last.kind !== 'dependency') this.stats.countWaitStarted();
      this.waits.report({ groupId: options.groupId, topic, partition, offset: head.offset, cause: state.last.cause });
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
