import { z } from 'zod';
import { identifierSchema } from '../identity/identifiers';
import { segmentMessageSchema } from '../segment/segment-message.v1';
import { defineTopic } from './topic-definition';

export const resolvedEventSchema = z.object({
  profileId: z.uuid(),
  /** Every identifier the profile is known by after this event. */
  identifiers: z.array(identifierSchema),
  event: segmentMessageSchema,
});
export type ResolvedEvent = z.infer<typeof resolvedEventSchema>;

export const eventsResolvedV1 = defineTopic({
  name: 'tp.events.resolved.v1',
  schema: resolvedEventSchema,
  key: (value) => value.profileId,
  eventType: 'io.touchpoint.event.resolved.v1',
  description: 'Raw events re-keyed by the profile identity resolution assigned them to.',
});
