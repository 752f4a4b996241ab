import type { JourneySummary, JourneyTransitionV2, ProductStatus, RecommendationMessage } from '@touchpoint/contracts';
import fc from 'fast-check';
import { SeedCatalog } from '../catalog/seed-catalog';
import { type RecommendationState, unknownProfileState } from '../recommendation-view/recommendation-state';
import { summary } from '../testing/journey-view';
import { changed, retired } from '../testing/transitions';
import { decide, type Decisions, noDecisions } from './decide';
import { reactToTransition } from './react-to-transition';

const RETIRED = '1b7e3a2c-9f4d-4e8a-8c6b-2a1d3e4f5a6b';
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

interface Step {
  /** The changed products' after status; null: no longer the profile's. */
  readonly products: Record<string, ProductStatus | null>;
  readonly advertising: boolean | null;
}

const step: fc.Arbitrary<Step> = fc.record({
  products: fc.dictionary(fc.constantFrom(...productIds), fc.option(productStatus, { nil: null }), { maxKeys: 3 }),
  advertising: fc.constantFrom(true, false, null),
});

/** How one transition is delivered: whether the service crashes between publishing and writing, and how much of the batch comes again. */
const delivery = fc.record({ crashAfterPublish: fc.boolean(), replayed: fc.nat(3) });

/** One transition per step, each caused by its own event, as journey publishes them. */
const transitionsOf = (profileId: string, steps: readonly Step[], first = 0): JourneyTransitionV2[] =>
  steps.map((s, i) => changed(profileId, `m-${profileId.slice(0, 4)}-${first + i}`, s.products, { summary: summary({ advertising: s.advertising }), occurredAt: minute(first + i) }));

/** What recommendation should end up deciding, folded by hand: each product's last status, the last summary. */
function finalDecisions(transitions: readonly JourneyTransitionV2[]): Decisions {
  const products: Record<string, ProductStatus> = {};
  let last: JourneySummary | null = null;
  for (const transition of transitions) {
    if (transition.kind === 'retired') return noDecisions;
    for (const { productId, after } of transition.products) {
      if (after === null) delete products[productId];
      else products[productId] = after;
    }
    last = transition.after;
  }
  return decide({ products, summary: last }, catalog);
}

/** The order one profile's transitions arrive in: in order, a crashed one again, and tails of a batch again. */
function deliveries(transitions: readonly JourneyTransitionV2[], how: readonly { crashAfterPublish: boolean; replayed: number }[]) {
  return transitions.flatMap((transition, i) => {
    const { crashAfterPublish, replayed } = how[i] ?? { crashAfterPublish: false, replayed: 0 };
    const again = transitions.slice(Math.max(0, i + 1 - Math.max(replayed, crashAfterPublish ? 1 : 0)), i + 1);
    return [{ transition, crashAfterPublish }, ...again.map((t) => ({ transition: t, crashAfterPublish: false }))];
  });
}

/** Runs the service's pure core over deliveries, keeping the state only when it was not lost in a crash. */
function publishedFor(delivered: readonly { transition: JourneyTransitionV2; crashAfterPublish: boolean }[]): RecommendationMessage[] {
  const states = new Map<string, RecommendationState>();
  const topic: RecommendationMessage[] = [];
  for (const { transition, crashAfterPublish } of delivered) {
    const reaction = reactToTransition(states.get(transition.profileId) ?? unknownProfileState, transition, catalog);
    if (reaction === null) continue;
    topic.push(...reaction.messages);
    if (!crashAfterPublish) states.set(transition.profileId, reaction.state);
  }
  return topic;
}

/** A marketing platform that drops a message whose id it has seen, after checking the id still says the same. */
function deduplicatingPlatform(messages: readonly RecommendationMessage[]) {
  const seen = new Map<string, RecommendationMessage>();
  const believed = new Map<string, { retargeting: Set<string>; recommendations: Decisions['recommendations'] }>();
  const kept: RecommendationMessage[] = [];
  for (const message of messages) {
    const earlier = seen.get(message.id);
    if (earlier) {
      expect(message).toEqual(earlier);
      continue;
    }
    seen.set(message.id, message);
    kept.push(message);
    const profile = believed.get(message.profileId) ?? { retargeting: new Set<string>(), recommendations: [] };
    believed.set(message.profileId, profile);
    if (message.type === 'retargeting.started') profile.retargeting.add(message.productId);
    if (message.type === 'retargeting.stopped') profile.retargeting.delete(message.productId);
    if (message.type === 'recommendations.updated') profile.recommendations = message.items;
  }
  const beliefOf = (profileId: string): Decisions => {
    const profile = believed.get(profileId);
    return profile ? { retargeting: [...profile.retargeting].sort(), recommendations: profile.recommendations } : noDecisions;
  };
  return { kept, beliefOf };
}

/** Two profiles, the first merged into the second, each profile's transitions in order, the two interleaved any way. */
const mergeStory = fc
  .record({
    retiredSteps: fc.array(step, { maxLength: 8 }),
    survivorSteps: fc.array(step, { maxLength: 8 }),
    afterMerge: fc.array(step, { maxLength: 3 }),
    merged: fc.boolean(),
    interleaving: fc.array(fc.boolean(), { maxLength: 40 }),
    retiredDeliveries: fc.array(delivery, { maxLength: 10 }),
    survivorDeliveries: fc.array(delivery, { maxLength: 12 }),
  })
  .map(({ retiredSteps, survivorSteps, afterMerge, merged, interleaving, retiredDeliveries, survivorDeliveries }) => {
    const retiredTransitions = transitionsOf(RETIRED, retiredSteps);
    const survivorBefore = transitionsOf(SURVIVOR, survivorSteps);
    // The survivor's merge transition carries the retired profile's products folded in.
    const folded = Object.fromEntries(retiredTransitions.flatMap((t) => t.products.map(({ productId, after }) => [productId, after] as const)));
    const mergeTransition = changed(SURVIVOR, 'merge-1', folded, { causeKind: 'merge', mergedProfileIds: [RETIRED], occurredAt: minute(100) });
    const survivorTransitions = merged ? [...survivorBefore, mergeTransition, ...transitionsOf(SURVIVOR, afterMerge, 200)] : survivorBefore;
    const retiredAll = merged ? [...retiredTransitions, retired(RETIRED, SURVIVOR, 'merge-1', minute(100))] : retiredTransitions;
    return { merged, retiredAll, survivorTransitions, interleaving, retiredDeliveries, survivorDeliveries };
  });

function interleave<T>(a: readonly T[], b: readonly T[], choices: readonly boolean[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; i < a.length || j < b.length; k++) {
    const takeA = j >= b.length || (i < a.length && (choices[k] ?? true));
    out.push(takeA ? a[i++] : b[j++]);
  }
  return out;
}

describe('recommendation rules, for any transitions and deliveries', () => {
  it('leave a de-duplicating platform believing the final truth of each profile, whatever was redelivered or crashed', () => {
    fc.assert(
      fc.property(mergeStory, ({ merged, retiredAll, survivorTransitions, interleaving, retiredDeliveries, survivorDeliveries }) => {
        const delivered = interleave(deliveries(retiredAll, retiredDeliveries), deliveries(survivorTransitions, survivorDeliveries), interleaving);
        const { beliefOf } = deduplicatingPlatform(publishedFor(delivered));
        expect(beliefOf(SURVIVOR)).toEqual(finalDecisions(survivorTransitions));
        expect(beliefOf(RETIRED)).toEqual(merged ? noDecisions : finalDecisions(retiredAll));
      }),
    );
  });

  it('show a de-duplicating platform exactly what one clean delivery would, every id always with the same content', () => {
    fc.assert(
      fc.property(mergeStory, ({ retiredAll, survivorTransitions, interleaving, retiredDeliveries, survivorDeliveries }) => {
        const clean = (ts: readonly JourneyTransitionV2[]) => ts.map((transition) => ({ transition, crashAfterPublish: false }));
        const messy = publishedFor(interleave(deliveries(retiredAll, retiredDeliveries), deliveries(survivorTransitions, survivorDeliveries), interleaving));
        const { kept } = deduplicatingPlatform(messy);
        for (const profileId of [RETIRED, SURVIVOR]) {
          const cleanRun = publishedFor([...clean(retiredAll), ...clean(survivorTransitions)]).filter((m) => m.profileId === profileId);
          expect(kept.filter((m) => m.profileId === profileId)).toEqual(cleanRun);
        }
      }),
    );
  });

  it('under a retired id, stop everything started there with profile_merged and leave nothing behind', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
        const before = transitionsOf(RETIRED, steps);
        const messages = publishedFor([...before, retired(RETIRED, SURVIVOR, 'merge-1')].map((transition) => ({ transition, crashAfterPublish: false })));
        const told = finalDecisions(before);
        const underMerge = messages.filter((m) => m.causedByMessageId === 'merge-1');
        expect(underMerge.filter((m) => m.type === 'retargeting.stopped').map((m) => m.type === 'retargeting.stopped' && [m.productId, m.reason])).toEqual(
          told.retargeting.map((productId) => [productId, 'profile_merged']),
        );
        expect(underMerge.filter((m) => m.type !== 'retargeting.stopped')).toEqual(told.recommendations.length > 0 ? [expect.objectContaining({ type: 'recommendations.updated', items: [] })] : []);
        expect(deduplicatingPlatform(messages).beliefOf(RETIRED)).toEqual(noDecisions);
      }),
    );
  });

  it('never retarget what is owned or after a refusal, never recommend what is owned or was returned, and rank 1..n', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...productIds), productStatus), fc.constantFrom(true, false, null), (products, advertising) => {
        const { retargeting, recommendations } = decide({ products, summary: summary({ advertising }) }, catalog);
        if (advertising === false) expect(retargeting).toEqual([]);
        for (const productId of retargeting) expect(products[productId]?.unitsOwned).toBe(0);
        for (const item of recommendations) expect(products[item.productId]?.unitsOwned ?? 0).toBe(0);
        for (const item of recommendations) expect(products[item.productId]?.unitsReturned ?? 0).toBe(0);
        expect(recommendations.map((item) => item.rank)).toEqual(recommendations.map((_, i) => i + 1));
      }),
    );
  });
});
