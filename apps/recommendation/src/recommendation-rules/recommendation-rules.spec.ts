import type { ProductFacts } from '@touchpoint/contracts';
import { SeedCatalog } from '../catalog/seed-catalog';
import { at, facts } from '../testing/facts';
import { decide, type Decisions } from './decide';
import { planMessages } from './plan-messages';
import { stopReason } from './retargeting.rules';

const PROFILE = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const catalog = new SeedCatalog();
const nothing: Decisions = { retargeting: [], recommendations: [] };

/** Plays facts one step at a time the way the service does: decide, compare with what was told, tell the difference. */
function storyOf(steps: readonly { readonly cause: string; readonly products: Record<string, ProductFacts> }[]) {
  let told = nothing;
  return steps.map(({ cause, products }) => {
    const next = decide(products, catalog);
    const messages = planMessages({ profileId: PROFILE, causedByMessageId: cause, occurredAt: '2025-03-01T10:00:00.000Z' }, told, next, products);
    told = next;
    return { decisions: next, messages };
  });
}

describe('recommendation rules', () => {
  it('plays the jacket story: carted, bought in store, returned, carted again', () => {
    const carted = facts({ cartedAt: at('2025-03-01T10:00:00Z') });
    const bought = { ...carted, purchasedInStoreAt: at('2025-03-03T10:00:00Z') };
    const returned = { ...bought, returnedAt: at('2025-03-10T10:00:00Z') };
    const cartedAgain = { ...returned, cartedAt: at('2025-03-11T10:00:00Z') };
    const [cart, purchase, refund, recart] = storyOf([
      { cause: 'm-cart', products: { 'jacket-42': carted } },
      { cause: 'm-order', products: { 'jacket-42': bought } },
      { cause: 'm-return', products: { 'jacket-42': returned } },
      { cause: 'm-cart-again', products: { 'jacket-42': cartedAgain } },
    ]);

    expect(cart.messages).toEqual([
      { id: `retargeting.started:${PROFILE}:jacket-42:m-cart`, type: 'retargeting.started', profileId: PROFILE, productId: 'jacket-42', causedByMessageId: 'm-cart', occurredAt: '2025-03-01T10:00:00.000Z' },
    ]);

    expect(purchase.messages.map((m) => m.type)).toEqual(['retargeting.stopped', 'recommendations.updated']);
    expect(purchase.messages[0]).toMatchObject({ id: `retargeting.stopped:${PROFILE}:jacket-42:m-order`, productId: 'jacket-42', reason: 'purchased_in_store' });
    expect(purchase.messages[1]).toMatchObject({
      id: `recommendations.updated:${PROFILE}:m-order`,
      items: [
        { productId: 'gloves-7', rank: 1, reason: 'accessory_of_purchase', becauseOf: 'jacket-42' },
        { productId: 'scarf-3', rank: 2, reason: 'accessory_of_purchase', becauseOf: 'jacket-42' },
        { productId: 'beanie-9', rank: 3, reason: 'accessory_of_purchase', becauseOf: 'jacket-42' },
      ],
    });

    expect(refund.messages).toEqual([expect.objectContaining({ type: 'recommendations.updated', items: [] })]);
    expect(refund.decisions).toEqual(nothing);

    // Back in the cart after the return: still never pushed again.
    expect(recart.decisions.retargeting).toEqual([]);
    expect(recart.messages).toEqual([]);
  });

  it('says purchased_online for an online purchase', () => {
    const [, purchase] = storyOf([
      { cause: 'm-cart', products: { 'jacket-42': facts({ cartedAt: 1 }) } },
      { cause: 'm-order', products: { 'jacket-42': facts({ cartedAt: 1, purchasedOnlineAt: 2 }) } },
    ]);
    expect(purchase.messages[0]).toMatchObject({ type: 'retargeting.stopped', reason: 'purchased_online' });
  });

  it('names the latest purchase channel, a return without a known purchase, and a removal from the cart', () => {
    expect(stopReason(facts({ cartedAt: 1, purchasedOnlineAt: 2, purchasedInStoreAt: 3 }))).toBe('purchased_in_store');
    expect(stopReason(facts({ cartedAt: 1, purchasedOnlineAt: 3, purchasedInStoreAt: 2 }))).toBe('purchased_online');
    expect(stopReason(facts({ cartedAt: 1, returnedAt: 2 }))).toBe('returned');
    expect(stopReason(facts({ cartedAt: 1, removedFromCartAt: 2 }))).toBe('removed_from_cart');
  });

  it('does not retarget a product bought before it was carted again, nor one that is only viewed', () => {
    const decisions = decide({ 'jacket-42': facts({ purchasedOnlineAt: 1, cartedAt: 2 }), 'boots-11': facts({ viewedAt: 1 }) }, catalog);
    expect(decisions.retargeting).toEqual([]);
  });

  it('ranks accessories of the latest purchase first, once each, without what the customer owns or returned', () => {
    const decisions = decide(
      {
        'jacket-42': facts({ purchasedInStoreAt: at('2025-03-01T10:00:00Z') }),
        'boots-11': facts({ purchasedOnlineAt: at('2025-03-05T10:00:00Z') }),
        'gloves-7': facts({ purchasedOnlineAt: at('2025-03-05T10:00:00Z') }),
        'socks-2': facts({ purchasedOnlineAt: 1, returnedAt: 2 }),
      },
      catalog,
    );
    expect(decisions.recommendations).toEqual([
      { productId: 'polish-5', rank: 1, reason: 'accessory_of_purchase', becauseOf: 'boots-11' },
      { productId: 'scarf-3', rank: 2, reason: 'accessory_of_purchase', becauseOf: 'jacket-42' },
      { productId: 'beanie-9', rank: 3, reason: 'accessory_of_purchase', becauseOf: 'jacket-42' },
    ]);
  });

  it('tells nothing when nothing changed, and keeps ids stable for the same cause', () => {
    const products = { 'jacket-42': facts({ cartedAt: 1 }) };
    const next = decide(products, catalog);
    const cause = { profileId: PROFILE, causedByMessageId: 'm-1', occurredAt: '2025-03-01T10:00:00.000Z' };
    expect(planMessages(cause, next, next, products)).toEqual([]);
    expect(planMessages(cause, nothing, next, products)).toEqual(planMessages(cause, nothing, next, products));
    expect(planMessages(cause, nothing, nothing, {})).toEqual([]);
  });
});
