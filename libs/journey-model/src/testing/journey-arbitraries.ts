import fc from 'fast-check';
import type { SegmentMessage } from '@touchpoint/contracts';
import { eventEntry, type JourneyEntry, tickEntry } from '../lib/entries';
import { DAY, MINUTE, T0 } from './journey-fixtures';

/**
 * Realistic event mixes for a few products and stores: browsing in visits, carts, online and
 * store orders (several currencies, one without a rate), partial and whole refunds, reviews,
 * consent, timer ticks; times spread over two years with collisions, so visits split, orders
 * leave the tier window and ties are broken by messageId.
 */
const products = ['jacket', 'scarf', 'hat', 'boots'] as const;
const stores = ['store-a', 'store-b'] as const;
const orderIds = ['1001', '1002', 'T1', 'T2'] as const;
export const origins = ['7d2f0c4e-0000-4000-8000-000000000001', '7d2f0c4e-0000-4000-8000-000000000002', '7d2f0c4e-0000-4000-8000-000000000003'] as const;

const time = fc.oneof(
  { weight: 4, arbitrary: fc.record({ day: fc.integer({ min: 0, max: 500 }), minute: fc.integer({ min: 0, max: 180 }) }).map(({ day, minute }) => T0 + day * DAY + minute * MINUTE) },
  { weight: 1, arbitrary: fc.constantFrom(T0, T0 + 30 * MINUTE, T0 + 365 * DAY) },
);
const product = fc.constantFrom(...products);
const quantity = fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined });
const onlineChannel = fc.constantFrom('web', 'app', 'server');
const line = fc.record({ product_id: product, quantity: fc.integer({ min: 1, max: 3 }), price: fc.constantFrom(5, 19.99, 120, 480) });
const lines = fc.array(line, { minLength: 1, maxLength: 2 });
const currency = fc.constantFrom('EUR', 'EUR', 'USD', 'SEK');
const where = fc.oneof(
  onlineChannel.map((channel) => ({ channel })),
  fc.constantFrom(...stores).map((storeId) => ({ channel: 'store' as const, storeId })),
);

interface Draft {
  readonly type: 'track' | 'page' | 'identify';
  readonly event?: string;
  readonly properties?: Record<string, unknown>;
  readonly context: Record<string, unknown>;
}

const track = (event: string, properties: Record<string, unknown>, context: Record<string, unknown>): Draft => ({ type: 'track', event, properties, context });

const pageView = fc
  .record({ channel: onlineChannel, path: fc.constantFrom('/', '/jackets', '/sale') })
  .map(({ channel, path }): Draft => ({ type: 'page', properties: {}, context: { channel, page: { path } } }));
const productViewed = fc.record({ channel: onlineChannel, p: product }).map(({ channel, p }) => track('Product Viewed', { product_id: p }, { channel }));
const cartChange = (event: string) =>
  fc.record({ channel: onlineChannel, p: product, q: quantity }).map(({ channel, p, q }) => track(event, { product_id: p, ...(q === undefined ? {} : { quantity: q }) }, { channel }));
const orderCompleted = fc
  .record({ where, orderId: fc.option(fc.constantFrom(...orderIds), { nil: undefined }), lines, currency })
  .map(({ where: context, orderId, lines: products, currency: c }) => track('Order Completed', { ...(orderId === undefined ? {} : { order_id: orderId }), currency: c, products }, context));
const orderRefunded = fc
  .record({ where, orderId: fc.constantFrom(...orderIds), withLines: fc.boolean(), lines, byOriginal: fc.boolean() })
  .map(({ where: context, orderId, withLines, lines: products, byOriginal }) =>
    track('Order Refunded', { ...(byOriginal ? { order_id: `R-${orderId}`, original_order_id: orderId } : { order_id: orderId }), ...(withLines ? { products } : {}) }, context),
  );
const advocacy = fc.oneof(
  fc.integer({ min: 1, max: 5 }).map((rating) => track('Product Reviewed', { product_id: 'jacket', rating }, { channel: 'web' })),
  fc.constantFrom('Referral Sent', 'Product Shared').map((event) => track(event, {}, { channel: 'app' })),
);
const consent = fc.oneof(
  fc.record({ advertising: fc.boolean(), Personalization: fc.boolean() }).map((preferences) => track('Consent Updated', { categoryPreferences: preferences }, { channel: 'web' })),
  fc.record({ marketing: fc.boolean() }).map((preferences): Draft => ({ type: 'page', properties: {}, context: { channel: 'web', consent: { categoryPreferences: preferences } } })),
);
const other = fc.oneof(
  onlineChannel.map((channel) => track('Products Searched', { query: 'coat' }, { channel })),
  onlineChannel.map((channel) => track('Checkout Started', {}, { channel })),
  fc.constant<Draft>({ type: 'identify', context: { channel: 'server' } }),
);

const draft: fc.Arbitrary<Draft> = fc.oneof(
  { weight: 2, arbitrary: pageView },
  { weight: 3, arbitrary: productViewed },
  { weight: 2, arbitrary: cartChange('Product Added') },
  { weight: 1, arbitrary: cartChange('Product Removed') },
  { weight: 3, arbitrary: orderCompleted },
  { weight: 2, arbitrary: orderRefunded },
  { weight: 1, arbitrary: advocacy },
  { weight: 1, arbitrary: consent },
  { weight: 1, arbitrary: other },
);

function messageOf(item: Draft, messageId: string, at: number): SegmentMessage {
  const timestamp = new Date(at).toISOString();
  const common = { messageId, anonymousId: 'anon-1', timestamp, receivedAt: timestamp, context: item.context };
  if (item.type === 'track') return { ...common, type: 'track', event: item.event ?? 'Unknown', properties: item.properties ?? {} };
  if (item.type === 'page') return { ...common, type: 'page', properties: item.properties ?? {} };
  return { ...common, type: 'identify', traits: {} };
}

/** A log of distinct messageIds: events under several origin profiles, and ticks. */
export const journeyLog: fc.Arbitrary<JourneyEntry[]> = fc
  .array(
    fc.oneof(
      { weight: 9, arbitrary: fc.record({ item: draft, at: time, origin: fc.constantFrom(...origins) }) },
      { weight: 1, arbitrary: time.map((at) => ({ tick: at })) },
    ),
    { maxLength: 40, size: 'medium' },
  )
  .map((items) => {
    const seen = new Set<string>();
    const entries: JourneyEntry[] = [];
    items.forEach((item, index) => {
      const entry = 'tick' in item ? tickEntry(item.tick) : eventEntry(messageOf(item.item, `m-${index}`, item.at), { profileId: item.origin, identifier: 'anon-1' });
      if (seen.has(entry.messageId)) return;
      seen.add(entry.messageId);
      entries.push(entry);
    });
    return entries;
  });

/**
 * Another copy of an event's messageId: a few ms off, stamped anew, and with a page path the
 * state records, so keeping the wrong copy shows in the state.
 */
export function shiftedCopy(entry: JourneyEntry, shiftMs: number, note: number): JourneyEntry {
  if (entry.kind === 'tick') return entry;
  const context = { ...entry.event.context, page: { path: `/copy-${note}` } };
  const event = { ...entry.event, context, timestamp: new Date(entry.at + shiftMs).toISOString(), receivedAt: new Date(entry.at + 1000 + note).toISOString() };
  return eventEntry(event, entry.origin);
}

/** A deterministic permutation, so a failing case replays from its seed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed >>> 0 || 1;
  for (let i = result.length - 1; i > 0; i--) {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}
