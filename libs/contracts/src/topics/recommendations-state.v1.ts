import { z } from 'zod';
import { recommendedItemSchema } from '../recommendation/retargeting';
import { isoTimestamp } from '../segment/timestamps';
import { defineTopic } from './topic-definition';

export const recommendationStateSchema = z.object({
  profileId: z.uuid(),
  /** Products platforms are told to retarget, sorted. */
  retargeting: z.array(z.string()),
  recommendations: z.array(recommendedItemSchema),
  /** Audience ids, sorted. */
  audiences: z.array(z.string()),
  /** Set once the profile was merged away: everything above is then empty. */
  survivorProfileId: z.uuid().nullable(),
  /** The journey revision this truth was decided from. */
  revision: z.number().int().nonnegative(),
  /**
   * Where on tp.recommendations.v2 this truth ends: every message of the profile before
   * `offset` on `partition` is summarized here. A new consumer reads this topic, then the
   * event topic from these positions on, and misses nothing.
   */
  positions: z.array(z.object({ partition: z.number().int().nonnegative(), offset: z.string().regex(/^\d+$/) })),
  updatedAt: isoTimestamp,
});
export type RecommendationStateV1 = z.infer<typeof recommendationStateSchema>;

export const recommendationsStateV1 = defineTopic({
  name: 'tp.recommendations.state.v1',
  schema: recommendationStateSchema,
  key: (value) => value.profileId,
  eventType: 'io.touchpoint.recommendation-state.v1',
  description:
    "Each profile's whole current truth (retargeted products, the list, audiences) with the tp.recommendations.v2 positions it summarizes. Compacted and keyed by profile id; published after the events it summarizes; an erased profile's key is tombstoned (a null value).",
  configs: { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': '0', 'segment.ms': String(3_600_000) },
});
