import { z } from 'zod';
import { channels } from '../segment/segment-context';
import { isoTimestamp } from '../segment/timestamps';
import { funnelStageSchema, productFactsSchema } from '../journey/funnel';
import { defineTopic } from './topic-definition';

export const journeyTransitionSchema = z.object({
  /** Stable per (profile, causing message): redelivery produces the same id. */
  transitionId: z.string().min(1),
  profileId: z.uuid(),
  causedByMessageId: z.string().min(1),
  occurredAt: isoTimestamp,
  channel: z.enum(channels).nullable(),
  stage: z.object({ from: funnelStageSchema, to: funnelStageSchema }).nullable(),
  /** Full facts, after the change, of every product the event changed. */
  products: z.array(z.object({ productId: z.string(), facts: productFactsSchema })),
});
export type JourneyTransition = z.infer<typeof journeyTransitionSchema>;

export const journeyTransitionsV1 = defineTopic({
  name: 'tp.journey.transitions.v1',
  schema: journeyTransitionSchema,
  key: (value) => value.profileId,
  eventType: 'io.touchpoint.journey.transition.v1',
  description: 'Changes to a profile journey: funnel stage moves and per-product facts.',
});
