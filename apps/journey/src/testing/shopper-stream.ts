import { randomUUID } from 'node:crypto';
import type { ResolvedEvent, SegmentMessage } from '@touchpoint/contracts';
import { carted, resolved, storeReturn, storeSale, track, viewed } from './events';

/** The product only markers view: a transition naming it says the marker was applied. */
export const MARKER_PRODUCT = 'stream-marker';

export interface ShopperStreamOptions {
  readonly profiles: number;
  readonly eventsPerProfile: number;
  /** Same seed, same stream (apart from the profile ids): a failure can be replayed. */
  readonly seed: number;
  /** Event time of the first event; old enough that no timer (an hour for carts) comes due during a spec. */
  readonly startAt: number;
}

export interface ShopperStream {
  readonly profileIds: readonly string[];
  /** Interleaved across profiles, each profile's events in the order they are to be published. */
  readonly events: readonly ResolvedEvent[];
  /** One per profile, later in event time than anything else of that profile: published last. */
  readonly markers: readonly ResolvedEvent[];
}

/** A small seeded generator (mulberry32): reproducible without a dependency. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const PRODUCTS = ['jacket-42', 'boots-11', 'scarf-7', 'socks-2', 'bag-19', 'hat-3'];

const removed = (messageId: string, productId: string, at: number, quantity: number): SegmentMessage =>
  track({ messageId, event: 'Product Removed', at, properties: { product_id: productId, quantity } });

const shifted = (event: SegmentMessage, byMs: number): SegmentMessage => ({ ...event, timestamp: new Date(Date.parse(event.timestamp) + byMs).toISOString() });

/** One profile's events: views, carts and removals of partial quantities, store sales, partial returns, re-sent copies with shifted timestamps and late arrivals. */
function shopperEvents(profileId: string, count: number, startAt: number, random: () => number): { events: SegmentMessage[]; lastAt: number } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const quantity = (max: number): number => 1 + Math.floor(random() * max);
  const events: SegmentMessage[] = [];
  const orders: { orderId: string; productId: string; returnable: number }[] = [];
  const inCart = new Map<string, number>();
  let at = startAt;
  for (let i = 0; i < count; i++) {
    at += 500 + Math.floor(random() * 1_500);
    const messageId = `${profileId}-${i}`;
    const roll = random();
    const productId = pick(PRODUCTS);
    let event: SegmentMessage;
    if (roll < 0.25) event = viewed(messageId, productId, at);
    else if (roll < 0.45) {
      const units = quantity(3);
      inCart.set(productId, (inCart.get(productId) ?? 0) + units);
      event = carted(messageId, productId, at, units);
    } else if (roll < 0.52 && (inCart.get(productId) ?? 0) > 1) {
      event = removed(messageId, productId, at, 1);
      inCart.set(productId, (inCart.get(productId) ?? 0) - 1);
    } else if (roll < 0.64) {
      const units = quantity(3);
      const orderId = `order-${messageId}`;
      orders.push({ orderId, productId, returnable: units });
      inCart.delete(productId);
      event = storeSale(messageId, productId, at, { quantity: units, orderId, storeId: pick(['store-ams-01', 'store-utr-02']) });
    } else if (roll < 0.72 && orders.some((o) => o.returnable > 0)) {
      const order = pick(orders.filter((o) => o.returnable > 0));
      const units = quantity(order.returnable);
      order.returnable -= units;
      event = storeReturn(messageId, order.productId, at, order.orderId, units);
    } else if (roll < 0.84 && events.length > 0) {
      // A re-sent copy of an earlier event: same messageId, its timestamp a few ms off either way (or identical).
      events.push(shifted(pick(events), Math.floor(random() * 11) - 5));
      continue;
    } else {
      // A late arrival: it happened seconds before events already sent, so the log must be re-folded.
      event = viewed(messageId, productId, at - 1_000 - Math.floor(random() * 20_000));
    }
    events.push(event);
  }
  return { events, lastAt: Math.max(startAt, ...events.map((event) => Date.parse(event.timestamp))) };
}

/**
 * Many shoppers' events as identity would publish them: each profile's in its own order, the
 * profiles interleaved, and a marker per profile to publish after everything else.
 */
export function shopperStream(options: ShopperStreamOptions): ShopperStream {
  const random = seeded(options.seed);
  const profileIds = Array.from({ length: options.profiles }, () => randomUUID());
  const perProfile = profileIds.map((profileId) => ({ profileId, ...shopperEvents(profileId, options.eventsPerProfile, options.startAt, random) }));
  const events: ResolvedEvent[] = [];
  for (let i = 0; i < options.eventsPerProfile; i++) {
    for (const { profileId, events: own } of perProfile) {
      const event = own[i];
      if (event) events.push(resolved(profileId, event));
    }
  }
  const markers = perProfile.map(({ profileId, lastAt }) => resolved(profileId, viewed(`marker-${profileId}`, MARKER_PRODUCT, lastAt + 1_000)));
  return { profileIds, events, markers };
}

/** The stream cut into consecutive parts of about equal size, for publishing in steps. */
export function inParts<T>(items: readonly T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts);
  return Array.from({ length: parts }, (_, i) => items.slice(i * size, (i + 1) * size)).filter((part) => part.length > 0);
}
