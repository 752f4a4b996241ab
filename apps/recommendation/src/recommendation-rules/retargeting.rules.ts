import type { ProductFacts, RetargetingStopReason } from '@touchpoint/contracts';
import { productStatus } from '@touchpoint/journey-model';

/**
 * Retarget a product while it sits in the cart and was never bought nor returned: once a
 * customer bought it (anywhere) or brought one back, pushing it again is noise.
 */
export function isRetargeted(facts: ProductFacts): boolean {
  const status = productStatus(facts);
  return status.inCart && !status.everPurchased && facts.returnedAt === null;
}

/** The products to retarget, sorted, so equal facts give equal lists. */
export function retargetedProducts(products: Readonly<Record<string, ProductFacts>>): string[] {
  return Object.entries(products)
    .filter(([, facts]) => isRetargeted(facts))
    .map(([productId]) => productId)
    .sort();
}

/** Why retargeting a product that is no longer retargeted stopped. A purchase wins: it is what ended the cart. */
export function stopReason(facts: ProductFacts): RetargetingStopReason {
  const status = productStatus(facts);
  if (status.everPurchased) return status.lastPurchaseChannel === 'store' ? 'purchased_in_store' : 'purchased_online';
  if (facts.returnedAt !== null) return 'returned';
  return 'removed_from_cart';
}
