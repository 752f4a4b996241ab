import type { JourneySummary, JourneyTransitionV2, ProductStatus, RecommendationMessage } from '@touchpoint/contracts';
import fc from 'fast-check';
import { SeedCatalog } from '../catalog/seed-catalog';
import { type RecommendationState, unknownProfileState } from '../recommendation-view/recommendation-state';
import { summary } from '../testing/journey-view';
import { platformViewOf } from '../testing/platform-view';
import { changed, retired } from '../testing/transitions';
import { decide, type Decisions, noDecisions } from './decide';
import { reactToTransition } from './react-to-transition';

const PROFILE = '1b7e3a2c-9f4d-4e8a-8c6b-2a1d3e4f5a6b';
const SURVIVOR = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const catalog = new SeedCatalog();
const productIds = ['jacket-42', 'boots-11', 'gloves-7', 'socks-2', 'scarf-3'];
const T0 = Date.parse('2025-03-01T00:00:00.000Z');
const minute = (m: number): string => new Date(T0 + m * 60_000).toISOString();

/** Any status journey could derive: returned never exceeds bought, owned is what remains. */
const productStatus: fc.Arbitrary<ProductStatus> = fc
  .record({
    viewed: fc.boolean(),
    unitsInCart: fc.nat(2),
    cartAbandoned: fc.boolean(),
    unitsBought: fc.nat(2),
    returnShare: fc.nat(2),
    channel: fc.constantFrom('online' as const, 'store' as const),
    boughtAt: fc.nat(500),
  })
  .map(({ unitsBought, returnShare, channel, boughtAt, ...rest }) => {
    const unitsReturned = Math.min(unitsBought, returnShare);
    return {
      ...rest,
      unitsBought,
      unitsReturned,
      unitsOwned: unitsBought - unitsReturned,
      lastPurchaseChannel: unitsBought > 0 ? channel : null,
      lastPurchaseStoreId: unitsBought > 0 && channel === 'store' ? 'store-1' : null,
      lastPurchaseAt: unitsBought > 0 ? minute(boughtAt) : null,
      lastReturnAt: unitsReturned > 0 ? minute(boughtAt + 1) : null,
    };
  });

/** One step of a journey as journey announces it: products changed, or the profile merged away (and maybe back, by an unmerge). */
type Step =
  | { readonly kind: 'changed'; readonly products: Record<string, ProductStatus | null>; readonly advertising: boolean | null; readonly personalization: boolean | null; readonly audiences: string[] }
  | { readonly kind: 'retired' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({
    kind: fc.constant('changed' as const),
    products: fc.dictionary(fc.constantFrom(...productIds), fc.option(productStatus, { nil: null }), { maxKeys: 3 }),
    advertising: fc.constantFrom(true, false, null),
    personalization: fc.constantFrom(true, false, null),
    audiences: fc.subarray(['cart_abandoner', 'stage:action', 'tier:top']),
  }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'retired' as const }) },
);

const transitionsOf = (steps: readonly Step[]): JourneyTransitionV2[] =>
  steps.map((s, i) =>
    s.kind === 'retired'
      ? retired(PROFILE, SURVIVOR, `merge-${i}`, { revision: i + 1, occurredAt: minute(i) })
      : changed(PROFILE, `m-${i}`, s.products, {
          revision: i + 1,
          occurredAt: minute(i),
          summary: summary({ advertising: s.advertising, personalization: s.personalization, audiences: [...s.audiences].sort() }),
        }),
  );

/** The decisions of the final state, folded by hand in journey's order: each product's last status since the last retirement, the last summary. */
function finalDecisions(transitions: readonly JourneyTransitionV2[]): Decisions {
  let products: Record<string, ProductStatus> = {};
  let last: JourneySummary | null = null;
  let isRetired = false;
  for (const transition of transitions) {
    if (transition.kind === 'retired') {
      products = {};
      last = null;
      isRetired = true;
      continue;
    }
    isRetired = false;
    for (const { productId, after } of transition.products) {
      if (after === null) delete products[productId];
      else products[productId] = after;
    }
    last = transition.after;
  }
  return isRetired ? noDecisions : decide({ products, summary: last }, catalog);
}

/** Every transition at least once, in any order, with some delivered again anywhere. */
const deliveryOf = (transitions: readonly JourneyTransitionV2[]) =>
  fc
    .tuple(fc.shuffledSubarray(transitions.map((_, i) => i), { minLength: transitions.length }), fc.array(fc.tuple(fc.nat(transitions.length - 1), fc.nat(100)), { maxLength: 6 }))
    .map(([order, extra]) => {
      const delivered = [...order];
      for (const [which, at] of extra) delivered.splice(at % (delivered.length + 1), 0, which);
      return delivered.map((i) => transitions[i]);
    });

function told(delivered: readonly JourneyTransitionV2[]): { messages: RecommendationMessage[]; state: RecommendationState } {
  let state = unknownProfileState;
  const messages: RecommendationMessage[] = [];
  for (const transition of delivered) {
    const reaction = reactToTransition(state, transition, { catalog });
    if (reaction === null) continue;
    state = reaction.state;
    messages.push(...reaction.messages);
  }
  return { messages, state };
}

const scenario = fc
  .array(step, { minLength: 1, maxLength: 10 })
  .map(transitionsOf)
  .chain((transitions) => fc.tuple(fc.constant(transitions), deliveryOf(transitions)));

describe('recommendation decisions (property)', () => {
  it('transitions in any order, with duplicates, leave a de-duplicating platform holding the decisions of the final state', () => {
    fc.assert(
      fc.property(scenario, ([transitions, delivered]) => {
        const { messages, state } = told(delivered);
        const expected = finalDecisions(transitions);
        expect(state.told).toEqual(expected);
        expect(platformViewOf(messages)).toEqual({ retargeting: [...expected.retargeting], recommendations: [...expected.recommendations], audiences: [...expected.audiences] });
      }),
      { numRuns: 500 },
    );
  });

  it('never uses one id for two different messages, and a replay tells the same under the same ids', () => {
    fc.assert(
      fc.property(scenario, ([, delivered]) => {
        const { messages } = told(delivered);
        const byId = new Map<string, string>();
        for (const message of messages) {
          const content = JSON.stringify(message);
          expect(byId.get(message.id) ?? content).toBe(content);
          byId.set(message.id, content);
        }
        expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
        expect(told(delivered).messages).toEqual(messages);
      }),
      { numRuns: 300 },
    );
  });
});
