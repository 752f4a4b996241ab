import {
  type Channel,
  CommerceEvent,
  emptyProductFacts,
  orderPropertiesSchema,
  type ProductFacts,
  productIdsOf,
  type SegmentMessage,
} from '@touchpoint/contracts';
import { earlier, later, mergeProductFacts, newerRecord } from './facts';
import type { JourneyState } from './journey-state';

const ADVOCACY_EVENTS: ReadonlySet<string> = new Set(['Product Reviewed', 'Product Shared', 'Referral Sent']);

export function channelOf(event: SegmentMessage): Channel {
  return event.context.channel ?? 'web';
}

function orderAmount(properties: Record<string, unknown>): number {
  const parsed = orderPropertiesSchema.safeParse(properties);
  if (!parsed.success) return 0;
  const { total, revenue, products } = parsed.data;
  if (typeof total === 'number') return total;
  if (typeof revenue === 'number') return revenue;
  return products.reduce((sum, p) => sum + (p.price ?? 0) * (p.quantity ?? 1), 0);
}

function orderKey(event: SegmentMessage & { type: 'track' }): string {
  const orderId = event.properties['order_id'];
  return typeof orderId === 'string' || typeof orderId === 'number' ? String(orderId) : event.messageId;
}

function factsFor(event: SegmentMessage & { type: 'track' }, at: number): Partial<ProductFacts> | null {
  const store = channelOf(event) === 'store';
  switch (event.event) {
    case CommerceEvent.ProductViewed:
      return { viewedAt: at };
    case CommerceEvent.ProductAdded:
    case CommerceEvent.CheckoutStarted:
      return { cartedAt: at };
    case CommerceEvent.ProductRemoved:
      return { removedFromCartAt: at };
    case CommerceEvent.OrderCompleted:
      return store ? { purchasedInStoreAt: at } : { purchasedOnlineAt: at };
    case CommerceEvent.OrderRefunded:
      return { returnedAt: at };
    default:
      return null;
  }
}

/**
 * The journey reducer: a pure function of (state, event). Every change is a max of
 * timestamps or an insert keyed by a stable id, so the result does not depend on the order
 * events arrive in and a redelivered event changes nothing.
 */
export function applyEvent(state: JourneyState, event: SegmentMessage): JourneyState {
  const at = Date.parse(event.timestamp);
  const channel = channelOf(event);
  let products = state.products;
  let orders = state.orders;
  let refunds = state.refunds;
  let advocacyAt = state.advocacyAt;

  if (event.type === 'track') {
    const change = factsFor(event, at);
    if (change) {
      const updated = { ...products };
      for (const productId of productIdsOf(event)) {
        updated[productId] = mergeProductFacts(updated[productId], { ...emptyProductFacts, ...change });
      }
      products = updated;
    }
    if (event.event === CommerceEvent.OrderCompleted) {
      const key = orderKey(event);
      const record = { at, amount: orderAmount(event.properties), channel };
      const existing = orders[key];
      orders = { ...orders, [key]: existing ? newerRecord(existing, record) : record };
    }
    if (event.event === CommerceEvent.OrderRefunded) {
      // Keyed by the refund message: one order may be refunded in several parts.
      const record = { at, amount: orderAmount(event.properties) };
      const existing = refunds[event.messageId];
      refunds = { ...refunds, [event.messageId]: existing ? newerRecord(existing, record) : record };
    }
    if (ADVOCACY_EVENTS.has(event.event)) advocacyAt = later(advocacyAt, at);
  }

  return {
    profileId: state.profileId,
    firstSeenAt: earlier(state.firstSeenAt, at),
    lastSeenAt: later(state.lastSeenAt, at),
    products,
    orders,
    refunds,
    touchpoints: { ...state.touchpoints, [channel]: later(state.touchpoints[channel] ?? null, at) ?? at },
    advocacyAt,
  };
}
