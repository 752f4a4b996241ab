import type { ProductFacts } from '@touchpoint/contracts';
import { later } from './facts';

export interface ProductStatus {
  readonly viewed: boolean;
  /** In the cart now: added, and neither removed nor bought since. */
  readonly inCart: boolean;
  readonly everPurchased: boolean;
  readonly lastPurchaseChannel: 'online' | 'store' | null;
  /** Returned after its latest purchase. */
  readonly returned: boolean;
  /** Bought and kept: the latest purchase was not returned. */
  readonly owned: boolean;
}

export function productStatus(facts: ProductFacts): ProductStatus {
  const purchasedAt = later(facts.purchasedOnlineAt, facts.purchasedInStoreAt);
  const lastPurchaseChannel =
    purchasedAt === null ? null : facts.purchasedInStoreAt !== null && facts.purchasedInStoreAt >= (facts.purchasedOnlineAt ?? -Infinity) ? 'store' : 'online';
  const returned = facts.returnedAt !== null && (purchasedAt === null || facts.returnedAt >= purchasedAt);
  const inCart =
    facts.cartedAt !== null &&
    (facts.removedFromCartAt === null || facts.removedFromCartAt < facts.cartedAt) &&
    (purchasedAt === null || purchasedAt < facts.cartedAt) &&
    (facts.returnedAt === null || facts.returnedAt < facts.cartedAt);
  return {
    viewed: facts.viewedAt !== null,
    inCart,
    everPurchased: purchasedAt !== null,
    lastPurchaseChannel,
    returned,
    owned: purchasedAt !== null && !returned,
  };
}
