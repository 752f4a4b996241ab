import { type RecommendationMessage, type SegmentMessage, segmentMessageSchema } from '@touchpoint/contracts';
import { applyEvent, emptyJourneyState, type JourneyState } from '@touchpoint/journey-model';
import fc from 'fast-check';
import { SeedCatalog } from '../catalog/seed-catalog';
import { decide, type Decisions } from './decide';
import { planMessages } from './plan-messages';

const PROFILE = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const catalog = new SeedCatalog();
const products = ['jacket-42', 'boots-11', 'gloves-7', 'socks-2'];
const T0 = Date.parse('2025-03-01T00:00:00.000Z');

type Kind = 'view' | 'add' | 'remove' | 'buy-online' | 'buy-store' | 'refund';

function eventOf(index: number, kind: Kind, productId: string, minute: number): SegmentMessage {
  const timestamp = new Date(T0 + minute * 60_000).toISOString();
  const order = { order_id: `o-${index}`, total: 10, products: [{ product_id: productId, price: 10 }] };
  const [event, properties] = {
    view: ['Product Viewed', { product_id: productId }],
    add: ['Product Added', { product_id: productId }],
    remove: ['Product Removed', { product_id: productId }],
    'buy-online': ['Order Completed', order],
    'buy-store': ['Order Completed', order],
    refund: ['Order Refunded', order],
  }[kind];
  return segmentMessageSchema.parse({
    type: 'track',
    messageId: `m-${index}`,
    anonymousId: 'anon-1',
    event,
    properties,
    context: { channel: kind === 'buy-store' || kind === 'refund' ? 'store' : 'web' },
    timestamp,
    receivedAt: timestamp,
  });
}

const events = fc
  .array(fc.tuple(fc.constantFrom<Kind>('view', 'add', 'remove', 'buy-online', 'buy-store', 'refund'), fc.constantFrom(...products), fc.integer({ min: 0, max: 50 })), {
    maxLength: 25,
  })
  .map((specs) => specs.map(([kind, productId, minute], index) => eventOf(index, kind, productId, minute)));

/** The same events in another order, some delivered twice. */
const reordered = events.chain((list) =>
  fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }), fc.subarray(list)).map(([original, shuffled, again]) => ({
    original,
    delivered: [...shuffled, ...again],
  })),
);

const fold = (list: readonly SegmentMessage[]): JourneyState => list.reduce(applyEvent, emptyJourneyState(PROFILE));

/** What a marketing platform knows after reading the messages in order. */
function platformView(messages: readonly RecommendationMessage[]): Decisions {
  const retargeting = new Set<string>();
  let recommendations: Decisions['recommendations'] = [];
  for (const message of messages) {
    if (message.type === 'retargeting.started') retargeting.add(message.productId);
    if (message.type === 'retargeting.stopped') retargeting.delete(message.productId);
    if (message.type === 'recommendations.updated') recommendations = message.items;
  }
  return { retargeting: [...retargeting].sort(), recommendations };
}

describe('recommendation rules, for any events', () => {
  it('decide the same from the same events in any order and with duplicates', () => {
    fc.assert(
      fc.property(reordered, ({ original, delivered }) => {
        expect(decide(fold(delivered).products, catalog)).toEqual(decide(fold(original).products, catalog));
      }),
    );
  });

  it('tell a platform, message by message in any delivery order, the truth of the final facts', () => {
    fc.assert(
      fc.property(reordered, ({ original, delivered }) => {
        const messages: RecommendationMessage[] = [];
        let state = emptyJourneyState(PROFILE);
        let told: Decisions = { retargeting: [], recommendations: [] };
        for (const event of delivered) {
          state = applyEvent(state, event);
          const next = decide(state.products, catalog);
          messages.push(...planMessages({ profileId: PROFILE, causedByMessageId: event.messageId, occurredAt: event.timestamp }, told, next, state.products));
          told = next;
        }
        expect(platformView(messages)).toEqual(decide(fold(original).products, catalog));
      }),
    );
  });

  it('never retarget a returned product, never recommend anything bought before, and rank 1..n', () => {
    fc.assert(
      fc.property(events, (list) => {
        const { products: facts } = fold(list);
        const { retargeting, recommendations } = decide(facts, catalog);
        for (const productId of retargeting) expect(facts[productId]?.returnedAt).toBeNull();
        for (const item of recommendations) expect(facts[item.productId]?.purchasedOnlineAt ?? null).toBeNull();
        for (const item of recommendations) expect(facts[item.productId]?.purchasedInStoreAt ?? null).toBeNull();
        expect(recommendations.map((item) => item.rank)).toEqual(recommendations.map((_, i) => i + 1));
      }),
    );
  });
});
