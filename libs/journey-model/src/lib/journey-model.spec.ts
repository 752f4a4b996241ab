import fc from 'fast-check';
import type { SegmentMessage } from '@touchpoint/contracts';
import { applyEvent } from './apply-event';
import { funnelStage, netSpend, spendTier, webshopStep } from './derive';
import { diffStates, isEmptyChange } from './diff-states';
import { emptyJourneyState, type JourneyState } from './journey-state';
import { mergeStates } from './merge-states';
import { productStatus } from './product-status';

const PROFILE = '0b8f4a7e-6a51-4a3e-9f2d-1c2b3d4e5f60';
let sequence = 0;

function track(event: string, properties: Record<string, unknown>, at: number, channel: 'web' | 'store' = 'web'): SegmentMessage {
  sequence++;
  const time = new Date(at).toISOString();
  return {
    type: 'track',
    messageId: `m-${sequence}`,
    anonymousId: 'anon-1',
    event,
    properties,
    context: { channel },
    timestamp: time,
    receivedAt: time,
  };
}

const replay = (events: readonly SegmentMessage[], start: JourneyState = emptyJourneyState(PROFILE)): JourneyState => events.reduce(applyEvent, start);

const T0 = Date.parse('2026-11-01T10:00:00Z');
const minutes = (n: number): number => T0 + n * 60_000;

describe('journey reducer', () => {
  it('follows the jacket story: viewed, carted, bought in store, returned', () => {
    const viewed = replay([track('Product Viewed', { product_id: 'jacket-42' }, minutes(0))]);
    expect(productStatus(viewed.products['jacket-42'])).toMatchObject({ viewed: true, inCart: false });
    expect(funnelStage(viewed)).toBe('consideration');

    const carted = applyEvent(viewed, track('Product Added', { product_id: 'jacket-42' }, minutes(1)));
    expect(productStatus(carted.products['jacket-42']).inCart).toBe(true);
    expect(webshopStep(carted)).toBe('choose');

    const bought = applyEvent(
      carted,
      track('Order Completed', { order_id: 'S1', total: 199, products: [{ product_id: 'jacket-42', price: 199 }] }, minutes(60 * 48), 'store'),
    );
    expect(productStatus(bought.products['jacket-42'])).toMatchObject({ inCart: false, owned: true, lastPurchaseChannel: 'store' });
    expect(funnelStage(bought)).toBe('action');
    expect(spendTier(bought)).toBe('bronze');
    expect(bought.touchpoints).toEqual({ web: minutes(1), store: minutes(60 * 48) });

    const returned = applyEvent(
      bought,
      track('Order Refunded', { order_id: 'S1', total: 199, products: [{ product_id: 'jacket-42' }] }, minutes(60 * 24 * 9), 'store'),
    );
    expect(productStatus(returned.products['jacket-42'])).toMatchObject({ owned: false, returned: true, everPurchased: true });
    expect(netSpend(returned)).toBe(0);
    expect(spendTier(returned)).toBe('none');
  });

  it('reaches loyalty with a second order and advocacy with a review', () => {
    const state = replay([
      track('Order Completed', { order_id: 'A', total: 300, products: [{ product_id: 'p1' }] }, minutes(0)),
      track('Order Completed', { order_id: 'B', total: 800, products: [{ product_id: 'p2' }] }, minutes(5)),
    ]);
    expect(funnelStage(state)).toBe('loyalty');
    expect(spendTier(state)).toBe('gold');
    expect(funnelStage(applyEvent(state, track('Product Reviewed', { product_id: 'p1' }, minutes(6))))).toBe('advocacy');
  });

  it('reports the stage move and the changed products, and nothing for a redelivery', () => {
    const before = replay([track('Product Viewed', { product_id: 'jacket-42' }, minutes(0))]);
    const event = track('Product Added', { product_id: 'jacket-42' }, minutes(1));
    const after = applyEvent(before, event);
    const change = diffStates(before, after);
    expect(change.stage).toBeNull();
    expect(change.products).toEqual([{ productId: 'jacket-42', facts: expect.objectContaining({ cartedAt: minutes(1) }) }]);
    expect(isEmptyChange(diffStates(after, applyEvent(after, event)))).toBe(true);
  });

  it('ignores products of events that do not follow the e-commerce spec', () => {
    const state = replay([track('Product Viewed', { name: 'no id' }, minutes(0))]);
    expect(state.products).toEqual({});
    expect(funnelStage(state)).toBe('awareness');
  });
});

const productIds = fc.constantFrom('jacket-42', 'gloves-7', 'boots-11');
const eventArbitrary = fc.oneof(
  fc.record({ kind: fc.constantFrom('Product Viewed', 'Product Added', 'Product Removed'), product: productIds, at: fc.integer({ min: 0, max: 10_000 }) }).map(
    ({ kind, product, at }) => track(kind, { product_id: product }, minutes(at)),
  ),
  fc
    .record({
      kind: fc.constantFrom('Order Completed', 'Order Refunded'),
      order: fc.constantFrom('o1', 'o2', 'o3'),
      products: fc.uniqueArray(productIds, { minLength: 1, maxLength: 2 }),
      total: fc.integer({ min: 1, max: 2000 }),
      at: fc.integer({ min: 0, max: 10_000 }),
      channel: fc.constantFrom('web' as const, 'store' as const),
    })
    .map(({ kind, order, products, total, at, channel }) =>
      track(kind, { order_id: order, total, products: products.map((product_id) => ({ product_id })) }, minutes(at), channel),
    ),
);

describe('journey reducer properties', () => {
  it('gives the same state for any delivery order of the same events', () => {
    fc.assert(
      fc.property(fc.array(eventArbitrary, { maxLength: 25 }).chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }))), ([events, shuffled]) => {
        expect(replay(shuffled)).toEqual(replay(events));
      }),
    );
  });

  it('is unchanged by duplicated deliveries', () => {
    fc.assert(
      fc.property(fc.array(eventArbitrary, { minLength: 1, maxLength: 20 }), fc.array(fc.nat(), { maxLength: 10 }), (events, picks) => {
        const duplicates = picks.map((pick) => events[pick % events.length]);
        expect(replay([...events, ...duplicates])).toEqual(replay(events));
      }),
    );
  });

  it('merges profiles commutatively, and merging equals replaying everything into one profile', () => {
    fc.assert(
      fc.property(fc.array(eventArbitrary, { maxLength: 15 }), fc.array(eventArbitrary, { maxLength: 15 }), (left, right) => {
        const a = replay(left);
        const b = replay(right);
        const merged = mergeStates(a, b);
        expect(mergeStates(b, a)).toEqual({ ...merged, profileId: b.profileId });
        expect(merged).toEqual(replay([...left, ...right]));
        expect(mergeStates(merged, b)).toEqual(merged);
      }),
    );
  });
});
