import { z } from 'zod';
import { envInt } from './env-values';

/** How the recommendation service runs its state of record and outbox. */
export interface RecommendationSettings {
  /** How often messages decided but not yet published (a crash, Kafka down) are looked for. */
  readonly outboxSweepMs: number;
  /** Most transitions one fetched batch decides in one transaction. */
  readonly maxBatchSize: number;
  /** Partitions of tp.journey.transitions.v2 one instance decides at the same time. */
  readonly partitionsConcurrently: number;
  /** A catalog file (`{ "products": [...] }`) imported at start while the stored catalog is empty; null: none. */
  readonly catalogSeedFile: string | null;
  /** How often each instance looks for a catalog imported through another one. */
  readonly catalogRefreshMs: number;
  /** Co-occurrence counts halve over this time: recent baskets and visits weigh more. */
  readonly signalsHalfLifeMs: number;
  /** How often each instance reloads its snapshot of the co-occurrence signals the rules read. */
  readonly signalsRefreshMs: number;
  /** Products one profile is retargeted for at once, the longest running first. */
  readonly retargetingMaxProducts: number;
  /** Retargeting of a product stops (`expired`) after this long, though it is still in the cart. */
  readonly retargetingExpiryMs: number;
  /** An expired product is not retargeted again before this has passed and the customer acted on it again. */
  readonly retargetingCooldownMs: number;
  /** How often due expiries are looked for. */
  readonly timerPollMs: number;
  /** How often every profile's list is decided again from the latest signals, though nothing happened to it. */
  readonly listRefreshMs: number;
}

export const recommendationSettingsSchema = z.object({
  RECOMMENDATION_OUTBOX_SWEEP_MS: envInt(50, 3_600_000).default(2_000),
  RECOMMENDATION_MAX_BATCH_SIZE: envInt(1, 10_000).default(500),
  RECOMMENDATION_PARTITIONS_CONCURRENTLY: envInt(1, 64).default(3),
  RECOMMENDATION_CATALOG_SEED_FILE: z.string().trim().default(''),
  RECOMMENDATION_CATALOG_REFRESH_MS: envInt(100, 3_600_000).default(5_000),
  RECOMMENDATION_SIGNALS_HALF_LIFE_DAYS: envInt(1, 3_650).default(30),
  RECOMMENDATION_SIGNALS_REFRESH_MS: envInt(100, 86_400_000).default(600_000),
  RECOMMENDATION_RETARGETING_MAX_PRODUCTS: envInt(1, 100).default(5),
  RECOMMENDATION_RETARGETING_EXPIRY_SECONDS: envInt(1, 365 * 86_400).default(14 * 86_400),
  RECOMMENDATION_RETARGETING_COOLDOWN_SECONDS: envInt(0, 365 * 86_400).default(7 * 86_400),
  RECOMMENDATION_TIMER_POLL_MS: envInt(50, 3_600_000).default(1_000),
  RECOMMENDATION_LIST_REFRESH_MS: envInt(100, 7 * 86_400_000).default(6 * 3_600_000),
});

export function recommendationSettingsOf(values: z.output<typeof recommendationSettingsSchema>): RecommendationSettings {
  return {
    outboxSweepMs: values.RECOMMENDATION_OUTBOX_SWEEP_MS,
    maxBatchSize: values.RECOMMENDATION_MAX_BATCH_SIZE,
    partitionsConcurrently: values.RECOMMENDATION_PARTITIONS_CONCURRENTLY,
    catalogSeedFile: values.RECOMMENDATION_CATALOG_SEED_FILE || null,
    catalogRefreshMs: values.RECOMMENDATION_CATALOG_REFRESH_MS,
    signalsHalfLifeMs: values.RECOMMENDATION_SIGNALS_HALF_LIFE_DAYS * 86_400_000,
    signalsRefreshMs: values.RECOMMENDATION_SIGNALS_REFRESH_MS,
    retargetingMaxProducts: values.RECOMMENDATION_RETARGETING_MAX_PRODUCTS,
    retargetingExpiryMs: values.RECOMMENDATION_RETARGETING_EXPIRY_SECONDS * 1_000,
    retargetingCooldownMs: values.RECOMMENDATION_RETARGETING_COOLDOWN_SECONDS * 1_000,
    timerPollMs: values.RECOMMENDATION_TIMER_POLL_MS,
    listRefreshMs: values.RECOMMENDATION_LIST_REFRESH_MS,
  };
}
