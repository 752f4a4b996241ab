import { type ProfilesMerged, type ResolvedEvent, type SegmentMessage, segmentMessageSchema } from '@touchpoint/contracts';

export interface TrackInput {
  readonly messageId: string;
  readonly event: string;
  readonly at: string | number;
  readonly properties?: Record<string, unknown>;
  readonly context?: Record<string, unknown>;
  readonly anonymousId?: string;
}

const iso = (at: string | number): string => new Date(at).toISOString();

export function track(input: TrackInput): SegmentMessage {
  return segmentMessageSchema.parse({
    type: 'track',
    messageId: input.messageId,
    anonymousId: input.anonymousId ?? `anon-${input.messageId}`,
    event: input.event,
    properties: input.properties ?? {},
    context: { channel: 'web', ...input.context },
    timestamp: iso(input.at),
    receivedAt: iso(input.at),
  });
}

export function resolved(profileId: string, event: SegmentMessage): ResolvedEvent {
  return { profileId, identifiers: [], event };
}

export const viewed = (messageId: string, productId: string, at: string | number): SegmentMessage =>
  track({ messageId, event: 'Product Viewed', at, properties: { product_id: productId } });

export const carted = (messageId: string, productId: string, at: string | number, quantity = 1): SegmentMessage =>
  track({ messageId, event: 'Product Added', at, properties: { product_id: productId, quantity, price: 100 } });

export function storeSale(messageId: string, productId: string, at: string | number, options: { storeId?: string; quantity?: number; orderId?: string } = {}): SegmentMessage {
  const quantity = options.quantity ?? 1;
  return track({
    messageId,
    event: 'Order Completed',
    at,
    properties: { order_id: options.orderId ?? messageId, total: 100 * quantity, currency: 'EUR', products: [{ product_id: productId, price: 100, quantity }] },
    context: { channel: 'store', storeId: options.storeId ?? 'store-ams-01', loyaltyId: `card-${messageId}` },
  });
}

export function storeReturn(messageId: string, productId: string, at: string | number, originalOrderId: string, quantity = 1): SegmentMessage {
  return track({
    messageId,
    event: 'Order Refunded',
    at,
    properties: { order_id: messageId, original_order_id: originalOrderId, total: 100 * quantity, currency: 'EUR', products: [{ product_id: productId, price: 100, quantity }] },
    context: { channel: 'store', storeId: 'store-utr-02' },
  });
}

export function merge(mergeId: string, survivorProfileId: string, mergedProfileIds: readonly string[], at: string | number): ProfilesMerged {
  return { mergeId, survivorProfileId, mergedProfileIds: [...mergedProfileIds], reason: 'loyaltyId', identifiers: [], mergedAt: iso(at), causedByMessageId: `cause-${mergeId}` };
}
