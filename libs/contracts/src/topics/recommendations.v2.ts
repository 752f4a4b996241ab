import { z } from 'zod';
import { recommendedItemSchema, retargetingStopReasons } from '../recommendation/retargeting';
import { isoTimestamp } from '../segment/timestamps';
import { defineTopic } from './topic-definition';

/** What made recommendation tell something: a journey transition's cause, or an erasure. */
export const decisionCauseKinds = ['event', 'merge', 'unmerge', 'timer', 'refold', 'erasure', 'catalog'] as const;

const base = {
  /**
   * Derived from the content (type, profile, product or audience, and the transition or erasure
   * that caused it): a replay tells the same thing under the same id; consumers de-duplicate on it.
   */
  id: z.string().min(1),
  profileId: z.uuid(),
  /** Journey time of the change that caused the message. */
  occurredAt: isoTimestamp,
  /** The journey transition decided on; null for an erasure, which journey does not announce. */
  transitionId: z.string().min(1).nullable(),
  cause: z.object({
    kind: z.enum(decisionCauseKinds),
    /** The event's messageId, the mergeId, the timer id, the deletionId or the catalog change. */
    id: z.string().min(1),
  }),
};

export const recommendationMessageSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('retargeting.started'), productId: z.string() }),
  z.object({
    ...base,
    type: z.literal('retargeting.stopped'),
    productId: z.string(),
    reason: z.enum(retargetingStopReasons),
    /** Set when the reason is profile_merged: the profile the customer's journey lives on in. */
    survivorProfileId: z.uuid().nullable(),
  }),
  /** The whole ranked list; an empty list withdraws the previous one. */
  z.object({ ...base, type: z.literal('recommendations.updated'), items: z.array(recommendedItemSchema) }),
  z.object({ ...base, type: z.literal('audience.entered'), audienceId: z.string().min(1) }),
  z.object({ ...base, type: z.literal('audience.exited'), audienceId: z.string().min(1) }),
]);
export type RecommendationMessage = z.infer<typeof recommendationMessageSchema>;
export type RecommendationMessageType = RecommendationMessage['type'];

export const recommendationsV2 = defineTopic({
  name: 'tp.recommendations.v2',
  schema: recommendationMessageSchema,
  key: (value) => value.profileId,
  eventType: 'io.touchpoint.recommendation.v2',
  description:
    'What marketing platforms should do, per profile and in order: retargeting started and stopped (with the reason, and the survivor of a merge), the ranked recommendation list, audiences entered and exited. Ids derive from content: de-duplicate on them.',
  configs: { 'cleanup.policy': 'delete', 'retention.ms': String(30 * 24 * 3_600_000) },
});
