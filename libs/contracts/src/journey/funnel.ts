import { z } from 'zod';

/** Funnel stages, in order of depth. */
export const funnelStages = ['awareness', 'consideration', 'action', 'loyalty', 'advocacy'] as const;
export type FunnelStage = (typeof funnelStages)[number];
export const funnelStageSchema = z.enum(funnelStages);

/**
 * What is known of one product for one profile, as the latest time each fact was seen.
 * Facts only move forward (max of timestamps), so applying events in any order or twice
 * gives the same facts; everything else is derived from them.
 */
export const productFactsSchema = z.object({
  viewedAt: z.number().nullable(),
  cartedAt: z.number().nullable(),
  removedFromCartAt: z.number().nullable(),
  purchasedOnlineAt: z.number().nullable(),
  purchasedInStoreAt: z.number().nullable(),
  returnedAt: z.number().nullable(),
});
export type ProductFacts = z.infer<typeof productFactsSchema>;

export const emptyProductFacts: ProductFacts = Object.freeze({
  viewedAt: null,
  cartedAt: null,
  removedFromCartAt: null,
  purchasedOnlineAt: null,
  purchasedInStoreAt: null,
  returnedAt: null,
});
