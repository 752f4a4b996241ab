import { recommendedItemSchema } from '@touchpoint/contracts';
import { z } from 'zod';

/** What the recommendation service last told marketing platforms about one profile. */
export const publishedRecommendationsSchema = z.object({
  /** Products being retargeted, sorted. */
  retargeting: z.array(z.string()),
  /** The ranked list last sent in `recommendations.updated`. */
  recommendations: z.array(recommendedItemSchema),
});
export type PublishedRecommendations = z.infer<typeof publishedRecommendationsSchema>;

export const noRecommendationsPublished: PublishedRecommendations = Object.freeze({ retargeting: [], recommendations: [] });
