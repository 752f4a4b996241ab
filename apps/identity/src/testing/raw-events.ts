import { randomUUID } from 'node:crypto';
import { type SegmentMessage, segmentMessageSchema } from '@touchpoint/contracts';

/** A raw event as ingest would put it on tp.events.raw.v1: fresh messageId, timestamps stamped. */
export function rawEvent(fields: Record<string, unknown>): SegmentMessage {
  const now = new Date().toISOString();
  return segmentMessageSchema.parse({ messageId: `msg-${randomUUID()}`, timestamp: now, receivedAt: now, ...fields });
}

export const webTrack = (anonymousId: string, event: string, productId = 'jacket-1'): SegmentMessage =>
  rawEvent({ type: 'track', event, anonymousId, context: { channel: 'web' }, properties: { product_id: productId } });

export const storePurchase = (context: Record<string, unknown>, productId = 'jacket-1', anonymousId?: string): SegmentMessage =>
  rawEvent({
    type: 'track',
    ...(anonymousId ? { anonymousId } : {}),
    event: 'Order Completed',
    context: { channel: 'store', storeId: 'store-7', ...context },
    properties: { order_id: `order-${randomUUID()}`, products: [{ product_id: productId, price: 120, quantity: 1 }] },
  });

export const identify = (fields: { anonymousId?: string; userId?: string; traits?: Record<string, unknown> }): SegmentMessage =>
  rawEvent({ type: 'identify', context: { channel: 'web' }, traits: {}, ...fields });
