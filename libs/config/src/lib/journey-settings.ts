import { z } from 'zod';
import { envInt } from './env-values';

/** How the journey service runs its state of record; the journey rules themselves live in the definitions file. */
export interface JourneySettings {
  /** The versioned journey definitions file (rules, thresholds, windows), relative to the working directory. */
  readonly definitionsFile: string;
  /** How often due timers (cart abandonment, tier moves, lapsing) are looked for. */
  readonly timerPollMs: number;
  /** How often transitions committed but not yet published (a crash, Kafka down) are looked for. */
  readonly outboxSweepMs: number;
  /** Most messages one fetched batch applies in one transaction. */
  readonly maxBatchSize: number;
  /** Partitions of tp.events.resolved.v1 one instance applies at the same time, each in its own transaction. */
  readonly partitionsConcurrently: number;
}

export const journeySettingsSchema = z.object({
  JOURNEY_DEFINITIONS_FILE: z.string().trim().min(1).default('config/journey-definitions.v1.json'),
  JOURNEY_TIMER_POLL_MS: envInt(50, 3_600_000).default(1_000),
  JOURNEY_OUTBOX_SWEEP_MS: envInt(50, 3_600_000).default(5_000),
  JOURNEY_MAX_BATCH_SIZE: envInt(1, 10_000).default(500),
  JOURNEY_PARTITIONS_CONCURRENTLY: envInt(1, 64).default(3),
});

export function journeySettingsOf(values: z.output<typeof journeySettingsSchema>): JourneySettings {
  return {
    definitionsFile: values.JOURNEY_DEFINITIONS_FILE,
    timerPollMs: values.JOURNEY_TIMER_POLL_MS,
    outboxSweepMs: values.JOURNEY_OUTBOX_SWEEP_MS,
    maxBatchSize: values.JOURNEY_MAX_BATCH_SIZE,
    partitionsConcurrently: values.JOURNEY_PARTITIONS_CONCURRENTLY,
  };
}
