import { journeySummarySchema, productStatusSchema, recommendedItemSchema } from '@touchpoint/contracts';
import { z } from 'zod';
import type { Decisions } from '../recommendation-rules/decide';
import type { RecommendationView } from '../recommendation-view/recommendation-view';

/**
 * Recommendation's keys, version 2 of their shape (version 1 was the `recommendation:<id>`
 * hash next to journey's keys). A change to the stored JSON gets a new version in the key, so
 * a new release never misreads an old value. Both embed the contract's product status and
 * summary: a breaking change there is a new version here too.
 */
export const recommendationKeys = {
  /** JSON: the view built from transitions (products, summary, recently applied transition ids, retirement). */
  view: (profileId: string): string => `rec:v2:view:${profileId}`,
  /** JSON: what platforms were last told (retargeted products, ranked recommendations); absent when nothing. */
  told: (profileId: string): string => `rec:v2:told:${profileId}`,
} as const;

const storedViewSchema = z.object({
  products: z.record(z.string(), productStatusSchema),
  summary: journeySummarySchema.nullable(),
  recentTransitionIds: z.array(z.string()),
  retired: z.object({ survivorProfileId: z.uuid().nullable() }).nullable(),
});

const storedToldSchema = z.object({
  retargeting: z.array(z.string()),
  recommendations: z.array(recommendedItemSchema),
});

function decode<S extends z.ZodType>(schema: S, key: string, stored: string): z.output<S> {
  const parsed = schema.safeParse(JSON.parse(stored));
  if (!parsed.success) throw new Error(`${key} does not hold the stored shape it should: ${parsed.error.message}`);
  return parsed.data;
}

export const decodeView = (key: string, stored: string): RecommendationView => decode(storedViewSchema, key, stored);
export const decodeTold = (key: string, stored: string): Decisions => decode(storedToldSchema, key, stored);

export const encodeView = (view: RecommendationView): string => JSON.stringify(storedViewSchema.parse(view));
export const encodeTold = (told: Decisions): string => JSON.stringify(storedToldSchema.parse(told));
