import { z } from 'zod';

export const retargetingStopReasons = ['purchased_online', 'purchased_in_store', 'returned', 'removed_from_cart', 'opted_out', 'profile_merged', 'expired', 'erased', 'out_of_stock'] as const;
export type RetargetingStopReason = (typeof retargetingStopReasons)[number];

export const recommendationReasons = ['accessory_of_purchase', 'complement_of_purchase', 'accessory_of_context', 'bought_together', 'viewed_together', 'popular_in_segment'] as const;
export type RecommendationReason = (typeof recommendationReasons)[number];

export const recommendedItemSchema = z.object({
  productId: z.string(),
  rank: z.number().int().positive(),
  reason: z.enum(recommendationReasons),
  /** The product whose purchase (or view) led to this item, when there is one. */
  becauseOf: z.string().nullable(),
});
export type RecommendedItem = z.infer<typeof recommendedItemSchema>;
