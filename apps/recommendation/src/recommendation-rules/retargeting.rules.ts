import type { JourneySummary, ProductStatus, RetargetingStopReason } from '@touchpoint/contracts';
import type { AccessoryCatalog } from './accessory-catalog';
import { refusedAdvertising } from './consent.rules';
import type { ProfileFacts } from './profile-facts';

/**
 * Retarget a product while units of it sit in the cart and the customer owns none: pushing what
 * they have is noise. A product the customer brought back is never retargeted again.
 */
export function isRetargeted(status: ProductStatus): boolean {
  return status.unitsInCart > 0 && status.unitsOwned === 0 && status.unitsReturned === 0;
}

/**
 * The products to retarget, sorted, so equal views give equal lists: none for a customer who
 * refused advertising, and never one out of stock or no longer sold.
 */
export function retargetedProducts({ products, summary }: ProfileFacts, catalog: AccessoryCatalog): string[] {
  if (refusedAdvertising(summary)) return [];
  return Object.entries(products)
    .filter(([productId, status]) => isRetargeted(status) && catalog.isAvailable(productId))
    .map(([productId]) => productId)
    .sort();
}

/**
 * Why retargeting a product that is no longer retargeted stopped. A refusal of advertising
 * stops everything at once; a product still wanted but out of stock (or no longer sold) stops
 * for that; otherwise a purchase (units owned) is what ended the cart, then a return of every
 * unit bought; anything else left the cart. `status` is undefined for a product that is no
 * longer the profile's.
 */
export function stopReason(productId: string, status: ProductStatus | undefined, summary: JourneySummary | null, catalog: AccessoryCatalog): RetargetingStopReason {
  if (refusedAdvertising(summary)) return 'opted_out';
  if (status === undefined) return 'removed_from_cart';
  if (isRetargeted(status) && !catalog.isAvailable(productId)) return 'out_of_stock';
  if (status.unitsOwned > 0) return status.lastPurchaseChannel === 'store' ? 'purchased_in_store' : 'purchased_online';
  if (status.unitsReturned > 0) return 'returned';
  return 'removed_from_cart';
}
