import { segmentMessageSchema, storeTransactionSchema } from '@touchpoint/contracts';
import { simulateShoppers } from './simulate-shoppers';

const options = { seed: 42, shoppers: 200, days: 60, end: Date.parse('2026-06-01T00:00:00Z') };

describe('simulateShoppers', () => {
  it('gives the same simulation for the same seed, and another for another seed', () => {
    expect(simulateShoppers(options)).toEqual(simulateShoppers(options));
    expect(simulateShoppers({ ...options, seed: 43 }).events).not.toEqual(simulateShoppers(options).events);
  });

  it('produces calls ingest accepts, in time order, across web, app and store, with returns and late links', () => {
    const { events, purchases, shoppers } = simulateShoppers(options);
    expect(events.every((e, i) => i === 0 || events[i - 1].at <= e.at)).toBe(true);
    for (const event of events.slice(0, 500)) {
      if (event.kind === 'store') expect(storeTransactionSchema.safeParse(event.transaction).success).toBe(true);
      else expect(segmentMessageSchema.safeParse({ type: event.path.slice(4), receivedAt: new Date().toISOString(), context: {}, ...event.body }).success).toBe(true);
    }
    const channels = new Set(events.map((e) => (e.kind === 'store' ? 'store' : (e.body['context'] as { channel?: string } | undefined)?.channel ?? 'web')));
    expect([...channels].sort()).toEqual(['app', 'store', 'web']);
    expect(purchases.some((p) => p.returned)).toBe(true);
    expect(shoppers.some((s) => events.some((e) => e.kind === 'store' && e.transaction.customer.loyaltyId === s.loyaltyId && e.at < s.linkedAt))).toBe(true);
  });

  it('plants the co-purchase structure: most baskets stay within one bundle', () => {
    const { purchases, catalog } = simulateShoppers(options);
    const bundleOf = new Map(catalog.map((p) => [p.productId, p.bundle]));
    const multi = purchases.filter((p) => p.productIds.length > 1);
    const within = multi.filter((p) => new Set(p.productIds.map((id) => bundleOf.get(id))).size === 1);
    expect(within.length / multi.length).toBeGreaterThan(0.5);
  });
});
