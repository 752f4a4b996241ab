import { type ResolvedEvent, type SegmentMessage, segmentMessageSchema } from '@touchpoint/contracts';

export interface TrackInput {
  readonly messageId: string;
  readonly event: string;
  readonly properties: Record<string, unknown>;
  readonly timestamp: string;
  readonly channel?: 'web' | 'store';
}

export function track(input: TrackInput): SegmentMessage {
  return segmentMessageSchema.parse({
    type: 'track',
    messageId: input.messageId,
    anonymousId: 'anon-1',
    event: input.event,
    properties: input.properties,
    context: input.channel === 'store' ? { channel: 'store', storeId: 'store-1', loyaltyId: 'L-1' } : { channel: 'web' },
    timestamp: input.timestamp,
    receivedAt: input.timestamp,
  });
}

export function resolved(profileId: string, event: SegmentMessage): ResolvedEvent {
  return { profileId, identifiers: [{ type: 'anonymousId', value: 'anon-1' }], event };
}

export const cartJacket = (messageId: string, timestamp: string): SegmentMessage =>
  track({ messageId, event: 'Product Added', properties: { product_id: 'jacket-42' }, timestamp });

export const buyJacketInStore = (messageId: string, timestamp: string): SegmentMessage =>
  track({ messageId, event: 'Order Completed', properties: { order_id: `o-${messageId}`, total: 199, products: [{ product_id: 'jacket-42', price: 199 }] }, timestamp, channel: 'store' });

export const viewBoots = (messageId: string, timestamp: string): SegmentMessage =>
  track({ messageId, event: 'Product Viewed', properties: { product_id: 'boots-11' }, timestamp });
