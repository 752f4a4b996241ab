import type { JourneyTransitionV2 } from '@touchpoint/contracts';
import { SeedCatalog, seedCatalogProducts } from '../catalog/seed-catalog';
import { unknownProfileState, type RecommendationState } from '../recommendation-view/recommendation-state';
import { emptyRecommendationView } from '../recommendation-view/recommendation-view';
import { boughtInStore, boughtOnline, carted, returned, status, summary } from '../testing/journey-view';
import { changed, retired } from '../testing/transitions';
import { decide, noDecisions } from './decide';
import { planMessages } from './plan-messages';
import { reactToErasure, reactToTransition } from './react-to-transition';
import { stopReason } from './retargeting.rules';

const PROFILE = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const SURVIVOR = '1b7e3a2c-9f4d-4e8a-8c6b-2a1d3e4f5a6b';
const catalog = new SeedCatalog();
const noOpinion = summary();

/** Plays transitions one at a time the way the service does, keeping the state between them. */
function storyOf(transitions: readonly JourneyTransitionV2[]) {
  let state: RecommendationState = unknownProfileState;
  return transitions.map((transition) => {
    const reaction = reactToTransition(state, transition, { catalog });
    if (reaction === null) return { decisions: state.told, messages: [] };
    state = reaction.state;
    return { decisions: reaction.state.told, messages: reaction.messages };
  });
}

describe('recommendation rules', () => {
  it('plays the jacket story: carted, bought in store, returned, and leaves it alone until it is carted again', () => {
    const bought = boughtInStore('2025-03-03T10:00:00.000Z');
    const carting = changed(PROFILE, 'm-cart', { 'jacket-42': carted() });
    const ordering = changed(PROFILE, 'm-order', { 'jacket-42': bought });
    const [cart, purchase, refund, viewedAgain] = storyOf([
      carting,
      ordering,
      changed(PROFILE, 'm-return', { 'jacket-42': returned(bought, '2025-03-10T10:00:00.000Z') }),
      changed(PROFILE, 'm-view', { 'boots-11': status({ viewed: true }) }),
    ]);

    expect(cart.messages).toEqual([
      {
        id: `retargeting.started:${PROFILE}:jacket-42:${carting.transitionId}`,
        type: 'retargeting.started',
        profileId: PROFILE,
        productId: 'jacket-42',
        transitionId: carting.transitionId,
        cause: { kind: 'event', id: 'm-cart' },
        occurredAt: '2025-03-01T10:00:00.000Z',
      },
    ]);

    expect(purchase.messages.map((m) => m.type)).toEqual(['retargeting.stopped', 'recommendations.updated']);
    expect(purchase.messages[0]).toMatchObject({
      id: `retargeting.stopped:${PROFILE}:jacket-42:${ordering.transitionId}`,
      productId: 'jacket-42',
      reason: 'purchased_in_store',
      survivorProfileId: null,
    });
    expect(purchase.messages[1]).toMatchObject({
      id: `recommendations.updated:${PROFILE}:list:${ordering.transitionId}`,
      items: [
        { productId: 'gloves-7', rank: 1, reason: 'accessory_of_purchase', becauseOf: 'jacket-42' },
        { productId: 'scarf-3', rank: 2, reason: 'accessory_of_purchase', becauseOf: 'jacket-42' },
        { productId: 'beanie-9', rank: 3, reason: 'accessory_of_purchase', becauseOf: 'jacket-42' },
      ],
    });

    expect(refund.messages).toEqual([expect.objectContaining({ type: 'recommendations.updated', items: [] })]);
    expect(refund.decisions).toEqual(noDecisions);
    // The purchase emptied the cart and the return did not refill it: the jacket is not pushed again.
    expect(viewedAgain.messages).toEqual([]);
  });

  it('says purchased_online for an online purchase', () => {
    const [, purchase] = storyOf([changed(PROFILE, 'm-cart', { 'jacket-42': carted() }), changed(PROFILE, 'm-order', { 'jacket-42': boughtOnline('2025-03-02T10:00:00.000Z') })]);
    expect(purchase.messages[0]).toMatchObject({ type: 'retargeting.stopped', reason: 'purchased_online' });
  });

  it('names the latest purchase channel, a return of every unit, a removal from the cart and a refusal of advertising', () => {
    expect(stopReason('jacket-42', boughtInStore('2025-03-03T10:00:00.000Z'), noOpinion, catalog)).toBe('purchased_in_store');
    expect(stopReason('jacket-42', boughtOnline('2025-03-03T10:00:00.000Z'), noOpinion, catalog)).toBe('purchased_online');
    expect(stopReason('jacket-42', returned(boughtOnline('2025-03-03T10:00:00.000Z', 2), '2025-03-04T10:00:00.000Z'), noOpinion, catalog)).toBe('returned');
    expect(stopReason('jacket-42', returned(boughtOnline('2025-03-03T10:00:00.000Z', 2), '2025-03-04T10:00:00.000Z', 1), noOpinion, catalog)).toBe('purchased_online');
    expect(stopReason('jacket-42', status({ viewed: true }), noOpinion, catalog)).toBe('removed_from_cart');
    expect(stopReason('jacket-42', undefined, noOpinion, catalog)).toBe('removed_from_cart');
    expect(stopReason('jacket-42', boughtInStore('2025-03-03T10:00:00.000Z'), summary({ advertising: false }), catalog)).toBe('opted_out');
  });

  it('retargets what is in the cart and not owned, and nothing once advertising is refused', () => {
    const products = {
      'jacket-42': carted(),
      'boots-11': status({ ...boughtOnline('2025-03-01T10:00:00.000Z'), unitsInCart: 1 }),
      'gloves-7': status({ viewed: true }),
    };
    expect(decide({ products, summary: summary({ advertising: true }) }, catalog).retargeting).toEqual(['jacket-42']);
    expect(decide({ products, summary: noOpinion }, catalog).retargeting).toEqual(['jacket-42']);
    expect(decide({ products, summary: summary({ advertising: false }) }, catalog).retargeting).toEqual([]);
  });

  it('stops every retargeting with opted_out when the customer refuses advertising, and keeps the recommendations', () => {
    const cart = changed(PROFILE, 'm-cart', { 'jacket-42': carted(), 'socks-2': carted(2) });
    const order = changed(PROFILE, 'm-order', { 'boots-11': boughtOnline('2025-03-01T10:00:00.000Z') });
    const consent = changed(PROFILE, 'm-consent', {}, { summary: summary({ advertising: false }) });
    const [, , optOut] = storyOf([cart, order, consent]);
    expect(optOut.messages).toEqual([
      expect.objectContaining({ id: `retargeting.stopped:${PROFILE}:jacket-42:${consent.transitionId}`, reason: 'opted_out' }),
      expect.objectContaining({ id: `retargeting.stopped:${PROFILE}:socks-2:${consent.transitionId}`, reason: 'opted_out' }),
    ]);
    expect(optOut.decisions.recommendations.map((item) => item.productId)).toEqual(['socks-2', 'polish-5']);
  });

  it('ranks accessories of the latest purchase first, once each, without what the customer owns or ever returned', () => {
    const decisions = decide(
      {
        products: {
          'jacket-42': boughtInStore('2025-03-01T10:00:00.000Z'),
          'boots-11': boughtOnline('2025-03-05T10:00:00.000Z'),
          'gloves-7': boughtOnline('2025-03-05T10:00:00.000Z'),
          'socks-2': returned(boughtOnline('2025-02-01T10:00:00.000Z'), '2025-02-02T10:00:00.000Z'),
        },
        summary: noOpinion,
      },
      catalog,
    );
    expect(decisions.recommendations).toEqual([
      { productId: 'polish-5', rank: 1, reason: 'accessory_of_purchase', becauseOf: 'boots-11' },
      { productId: 'scarf-3', rank: 2, reason: 'accessory_of_purchase', becauseOf: 'jacket-42' },
      { productId: 'beanie-9', rank: 3, reason: 'accessory_of_purchase', becauseOf: 'jacket-42' },
    ]);
  });

  it('keeps the accessories after a partial return and drops them after a full one', () => {
    const two = boughtInStore('2025-03-01T10:00:00.000Z', 2);
    const accessoriesWith = (jacket: ReturnType<typeof boughtInStore>) => decide({ products: { 'jacket-42': jacket }, summary: noOpinion }, catalog).recommendations.map((i) => i.productId);
    expect(accessoriesWith(returned(two, '2025-03-02T10:00:00.000Z', 1))).toEqual(['gloves-7', 'scarf-3', 'beanie-9']);
    expect(accessoriesWith(returned(two, '2025-03-02T10:00:00.000Z', 2))).toEqual([]);
  });

  it('drops a product whose status is null, stopping its retargeting', () => {
    const [, gone] = storyOf([changed(PROFILE, 'm-cart', { 'jacket-42': carted() }), changed(PROFILE, 'm-unmerge', { 'jacket-42': null })]);
    expect(gone.messages).toEqual([expect.objectContaining({ type: 'retargeting.stopped', productId: 'jacket-42', reason: 'removed_from_cart' })]);
  });

  it('tells nothing when nothing changed, nothing for a redelivered transition, and keeps ids stable for the same cause', () => {
    const cart = changed(PROFILE, 'm-cart', { 'jacket-42': carted() });
    const [first, again, view] = storyOf([cart, cart, changed(PROFILE, 'm-view', { 'boots-11': status({ viewed: true }) })]);
    expect(first.messages).toHaveLength(1);
    expect(again.messages).toEqual([]);
    expect(view.messages).toEqual([]);

    const next = decide({ products: { 'jacket-42': carted() }, summary: noOpinion }, catalog);
    const cause = { profileId: PROFILE, transitionId: 'jt-1', cause: { kind: 'event' as const, id: 'm-1' }, occurredAt: '2025-03-01T10:00:00.000Z' };
    const reason = () => ({ reason: 'removed_from_cart' as const, survivorProfileId: null });
    expect(planMessages(cause, next, next, reason)).toEqual([]);
    expect(planMessages(cause, noDecisions, next, reason)).toEqual(planMessages(cause, noDecisions, next, reason));
    expect(planMessages(cause, noDecisions, noDecisions, reason)).toEqual([]);
    // Another transition with the same cause (an earlier copy of the event) says something else under other ids.
    const otherIds = planMessages({ ...cause, transitionId: 'jt-2' }, noDecisions, next, reason).map((m) => m.id);
    expect(otherIds.filter((id) => planMessages(cause, noDecisions, next, reason).some((m) => m.id === id))).toEqual([]);
  });

  it('withdraws everything under a merged-away id, naming the survivor, and decides nothing more there', () => {
    const cart = changed(PROFILE, 'm-cart', { 'jacket-42': carted(), 'boots-11': boughtOnline('2025-03-01T10:00:00.000Z') }, { summary: summary({ audiences: ['stage:consideration'] }) });
    const merge = retired(PROFILE, SURVIVOR, 'merge-1');
    const [, withdrawn, late] = storyOf([cart, merge, changed(PROFILE, 'm-late', { 'socks-2': carted() }, { revision: merge.revision - 1 })]);
    expect(withdrawn.messages).toEqual([
      expect.objectContaining({ type: 'retargeting.stopped', productId: 'jacket-42', reason: 'profile_merged', survivorProfileId: SURVIVOR, cause: { kind: 'merge', id: 'merge-1' } }),
      expect.objectContaining({ type: 'recommendations.updated', items: [] }),
      expect.objectContaining({ type: 'audience.exited', audienceId: 'stage:consideration' }),
    ]);
    expect(withdrawn.decisions).toEqual(noDecisions);
    // A transition from before the merge, delivered late, belongs to the survivor now.
    expect(late.messages).toEqual([]);
  });

  it('lives again after an unmerge: a newer transition than the retirement decides under the id again', () => {
    const cart = changed(PROFILE, 'm-cart', { 'jacket-42': carted() });
    const merge = retired(PROFILE, SURVIVOR, 'merge-1');
    const [, , restored] = storyOf([cart, merge, changed(PROFILE, 'unmerge-1', { 'jacket-42': carted() }, { causeKind: 'unmerge' })]);
    expect(restored.messages).toEqual([expect.objectContaining({ type: 'retargeting.started', productId: 'jacket-42', cause: { kind: 'unmerge', id: 'unmerge-1' } })]);
  });

  it('tells audiences entered and exited, and none once advertising is refused', () => {
    const [entered, moved, refused] = storyOf([
      changed(PROFILE, 'm-1', {}, { summary: summary({ audiences: ['cart_abandoner', 'stage:consideration'] }) }),
      changed(PROFILE, 'm-2', {}, { summary: summary({ audiences: ['stage:action'] }) }),
      changed(PROFILE, 'm-3', {}, { summary: summary({ audiences: ['stage:action'], advertising: false }) }),
    ]);
    expect(entered.messages.map((m) => [m.type, 'audienceId' in m ? m.audienceId : null])).toEqual([
      ['audience.entered', 'cart_abandoner'],
      ['audience.entered', 'stage:consideration'],
    ]);
    expect(moved.messages.map((m) => m.type)).toEqual(['audience.exited', 'audience.exited', 'audience.entered']);
    expect(refused.messages).toEqual([expect.objectContaining({ type: 'audience.exited', audienceId: 'stage:action' })]);
  });

  it('empties the list when personalization is refused, and keeps retargeting', () => {
    const [, refused] = storyOf([
      changed(PROFILE, 'm-order', { 'jacket-42': boughtInStore('2025-03-01T10:00:00.000Z'), 'boots-11': carted() }),
      changed(PROFILE, 'm-consent', {}, { summary: summary({ personalization: false }) }),
    ]);
    expect(refused.messages).toEqual([expect.objectContaining({ type: 'recommendations.updated', items: [] })]);
    expect(refused.decisions.retargeting).toEqual(['boots-11']);
  });

  it('withdraws everything with reason erased on erasure, under ids derived from the deletion', () => {
    const [cart] = storyOf([changed(PROFILE, 'm-cart', { 'jacket-42': carted() }, { summary: summary({ audiences: ['cart_abandoner'] }) })]);
    const deleted = { deletionId: '0d4c2b8e-7f1a-4e5b-9c3d-2a1b0c9d8e7f', profileId: PROFILE, mergedProfileIds: [], deletedAt: '2025-03-02T10:00:00.000Z' };
    const erased = reactToErasure(PROFILE, { view: emptyRecommendationView, told: cart.decisions }, deleted);
    expect(erased.messages).toEqual([
      expect.objectContaining({ type: 'retargeting.stopped', reason: 'erased', transitionId: null, cause: { kind: 'erasure', id: deleted.deletionId } }),
      expect.objectContaining({ type: 'audience.exited', audienceId: 'cart_abandoner' }),
    ]);
    expect(erased.messages[0].id).toBe(`retargeting.stopped:${PROFILE}:jacket-42:erasure-${deleted.deletionId}`);
    expect(erased.state.told).toEqual(noDecisions);
  });

  it('never retargets or recommends what is out of stock or no longer sold, and recommends a consumable the customer owns', () => {
    const products = { 'boots-11': boughtOnline('2025-03-01T10:00:00.000Z'), 'socks-2': boughtOnline('2025-03-01T10:00:00.000Z'), 'jacket-42': carted() };
    const shop = new SeedCatalog(
      seedCatalogProducts.map((p) => (p.productId === 'jacket-42' ? { ...p, inStock: false } : p.productId === 'polish-5' ? { ...p, active: false } : p)),
    );
    const decisions = decide({ products, summary: noOpinion }, shop);
    expect(decisions.retargeting).toEqual([]);
    expect(decisions.recommendations.map((i) => i.productId)).toEqual(['socks-2']);
    expect(stopReason('jacket-42', carted(), noOpinion, shop)).toBe('out_of_stock');
    expect(stopReason('jacket-42', boughtOnline('2025-03-01T10:00:00.000Z'), noOpinion, shop)).toBe('purchased_online');
  });

  it('after accessories come complements, then what is bought together, viewed together, and popular in her audiences, each product once', () => {
    const shop = new SeedCatalog(seedCatalogProducts.map((p) => (p.productId === 'boots-11' ? { ...p, complements: ['jacket-42', 'laces-1'] } : p)));
    const signals = {
      similar: (kind: string, productId: string) => (productId !== 'boots-11' ? [] : kind === 'bought_together' ? ['laces-1', 'tent-9'] : ['tent-9', 'map-4']),
      popular: (scope: string) => (scope === 'audience:tier:top' ? ['map-4', 'lamp-2'] : ['never-1']),
    };
    const items = decide({ products: { 'boots-11': boughtOnline('2025-03-01T10:00:00.000Z') }, summary: summary({ audiences: ['tier:top'] }) }, shop, signals).recommendations;
    expect(items.map((i) => [i.productId, i.reason])).toEqual([
      ['socks-2', 'accessory_of_purchase'],
      ['polish-5', 'accessory_of_purchase'],
      ['jacket-42', 'complement_of_purchase'],
      ['laces-1', 'complement_of_purchase'],
      ['tent-9', 'bought_together'],
      ['map-4', 'viewed_together'],
      ['lamp-2', 'popular_in_segment'],
    ]);
    expect(items.map((i) => i.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('never retargets a product the customer brought back, even carted again', () => {
    const back = returned(boughtOnline('2025-03-01T10:00:00.000Z'), '2025-03-02T10:00:00.000Z');
    expect(decide({ products: { 'jacket-42': status({ ...back, unitsOwned: undefined, unitsInCart: 1 }) }, summary: noOpinion }, catalog).retargeting).toEqual([]);
  });
});
