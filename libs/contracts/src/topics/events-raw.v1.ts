import { segmentMessageSchema, type SegmentMessage } from '../segment/segment-message.v1';
import { defineTopic } from './topic-definition';

/** The key of a raw event: the strongest identifier it carries, so one visitor's events stay in order. */
export function rawEventKey(message: SegmentMessage): string {
  if (message.userId) return `userId:${message.userId}`;
  if (message.anonymousId) return `anonymousId:${message.anonymousId}`;
  if (message.context.loyaltyId) return `loyaltyId:${message.context.loyaltyId}`;
  return `posCustomerId:${message.context.posCustomerId ?? ''}`;
}

export const eventsRawV1 = defineTopic({
  name: 'tp.events.raw.v1',
  schema: segmentMessageSchema,
  key: rawEventKey,
  eventType: 'io.touchpoint.event.raw.v1',
  description: 'Every accepted web, app and store event as a Segment message, with receivedAt stamped by ingest.',
});
