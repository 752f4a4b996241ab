import { z } from 'zod';
import { isoTimestamp } from '../segment/timestamps';
import { journeySummarySchema, productStatusSchema } from '../journey/journey-view';
import { defineTopic } from './topic-definition';

export const transitionCauseKinds = ['event', 'merge', 'unmerge', 'timer', 'refold'] as const;

export const journeyTransitionV2Schema = z.object({
  /** A hash of everything below: a redelivery repeats it, different content never reuses it. */
  transitionId: z.string().min(1),
  profileId: z.uuid(),
  /**
   * The profile's journey revision after this change: strictly greater for every later
   * transition of the profile (a merge, an unmerge and a retirement included), so a consumer
   * that sees transitions out of order or twice keeps, per fact, the one of the highest revision.
   */
  revision: z.number().int().positive(),
  /** changed: the journey moved; retired: the profile was merged away and lives on in `survivorProfileId`. */
  kind: z.enum(['changed', 'retired']),
  cause: z.object({
    kind: z.enum(transitionCauseKinds),
    /** The messageId of the event, the mergeId, the unmergeId, or the timer's id. */
    id: z.string().min(1),
  }),
  /** Journey time of the change: the latest event or timer due time the state has seen. */
  occurredAt: isoTimestamp,
  survivorProfileId: z.uuid().nullable(),
  /** Profiles whose journeys this transition folded into this one (merges), else empty. */
  mergedProfileIds: z.array(z.uuid()),
  /** The reducer and journey definitions versions that produced `after`. */
  versions: z.object({ reducer: z.number().int().positive(), definitions: z.string().min(1) }),
  /** null for a profile's first transition. */
  before: journeySummarySchema.nullable(),
  /** null when retired. */
  after: journeySummarySchema.nullable(),
  /** Every product whose status changed, before (null: unknown before) and after (null: no longer this profile's). */
  products: z.array(z.object({ productId: z.string(), before: productStatusSchema.nullable(), after: productStatusSchema.nullable() })),
});
export type JourneyTransitionV2 = z.infer<typeof journeyTransitionV2Schema>;

export const journeyTransitionsV2 = defineTopic({
  name: 'tp.journey.transitions.v2',
  schema: journeyTransitionV2Schema,
  key: (value) => value.profileId,
  eventType: 'io.touchpoint.journey.transition.v2',
  description:
    'Changes to a profile journey, with before and after: stage, webshop step, spend tier, consent, audiences and the derived status of each changed product; merges arrive here too (retired profile, folded survivor), in order with each profile\'s facts.',
});
