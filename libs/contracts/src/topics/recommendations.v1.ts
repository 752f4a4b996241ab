import { z } from 'zod';
import { recommendedItemSchema, retargetingStopReasons } from '../recommendation/retargeting';
import { isoTimestamp } from '../segment/timestamps';
import { defineTopic } from './topic-definition';

const base = {
  /** Stable id: consumers de-duplicate on it. */
  id: z.string().min(1),
  profileId: z.uuid(),
  occurredAt: isoTimestamp,
  causedByMessageId: z.string().min(1),
};

export const recommendationMessageSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('retargeting.started'), productId: z.string() }),
  z.object({ ...base, type: z.literal('retargeting.stopped'), productId: z.string(), reason: z.enum(retargetingStopReasons) }),
  z.object({ ...base, type: z.literal('recommendations.updated'), items: z.array(recommendedItemSchema) }),
]);
export type RecommendationMessage = z.infer<typeof recommendationMessageSchema>;

export const recommendationsV1 = defineTopic({
  name: 'tp.recommendations.v1',
  schema: recommendationMessageSchema,
  key: (value) => value.profileId,
  eventType: 'io.touchpoint.recommendation.v1',
  description: 'Retargeting starts and stops and ranked recommendations, for marketing platforms.',
});
