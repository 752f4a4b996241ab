import { z } from 'zod';
import { envInt } from './env-values';

/** How every Kafka consumer of a service retries a message whose handler failed. */
export interface ConsumerSettings {
  /** An attempt still running after this long is aborted (its AbortSignal fires) and awaited. */
  readonly attemptTimeoutMs: number;
  /** How long an unclassified failure is retried before the message is dead-lettered. */
  readonly unclassifiedRetryMs: number;
  /** Backoff between attempts: doubles from `initialMs` up to `maxMs`, with jitter. */
  readonly backoff: { readonly initialMs: number; readonly maxMs: number };
  /** A member silent for this long is dropped from its group; heartbeats go every tenth of it. */
  readonly sessionTimeoutMs: number;
  /**
   * A record whose value is larger is dead-lettered (TP_CONSUMER_MESSAGE_TOO_LARGE) without
   * being parsed: parsing and validating megabytes of JSON would stall the partition.
   */
  readonly maxMessageBytes: number;
}

export const consumerSettingsDefaults: ConsumerSettings = Object.freeze({
  attemptTimeoutMs: 30_000,
  unclassifiedRetryMs: 60_000,
  backoff: Object.freeze({ initialMs: 200, maxMs: 5_000 }),
  sessionTimeoutMs: 30_000,
  // Kafka's default max.message.bytes is about this: larger records exist only on topics configured for them.
  maxMessageBytes: 1_048_576,
});

const HOUR_MS = 3_600_000;

export const consumerSettingsSchema = z.object({
  KAFKA_CONSUMER_ATTEMPT_TIMEOUT_MS: envInt(100, HOUR_MS).default(consumerSettingsDefaults.attemptTimeoutMs),
  KAFKA_CONSUMER_RETRY_UNCLASSIFIED_MS: envInt(0, 24 * HOUR_MS).default(consumerSettingsDefaults.unclassifiedRetryMs),
  KAFKA_CONSUMER_BACKOFF_INITIAL_MS: envInt(1, HOUR_MS).default(consumerSettingsDefaults.backoff.initialMs),
  KAFKA_CONSUMER_BACKOFF_MAX_MS: envInt(1, HOUR_MS).default(consumerSettingsDefaults.backoff.maxMs),
  // Apache Kafka's default group.min/max.session.timeout.ms bounds.
  KAFKA_CONSUMER_SESSION_TIMEOUT_MS: envInt(6_000, 1_800_000).default(consumerSettingsDefaults.sessionTimeoutMs),
  KAFKA_CONSUMER_MAX_MESSAGE_BYTES: envInt(1_024, 256 * 1_048_576).default(consumerSettingsDefaults.maxMessageBytes),
});

export function consumerSettingsOf(values: z.output<typeof consumerSettingsSchema>): ConsumerSettings {
  return {
    attemptTimeoutMs: values.KAFKA_CONSUMER_ATTEMPT_TIMEOUT_MS,
    unclassifiedRetryMs: values.KAFKA_CONSUMER_RETRY_UNCLASSIFIED_MS,
    backoff: {
      initialMs: values.KAFKA_CONSUMER_BACKOFF_INITIAL_MS,
      // A maximum below the first delay would make the backoff shrink; the first delay wins.
      maxMs: Math.max(values.KAFKA_CONSUMER_BACKOFF_MAX_MS, values.KAFKA_CONSUMER_BACKOFF_INITIAL_MS),
    },
    sessionTimeoutMs: values.KAFKA_CONSUMER_SESSION_TIMEOUT_MS,
    maxMessageBytes: values.KAFKA_CONSUMER_MAX_MESSAGE_BYTES,
  };
}
