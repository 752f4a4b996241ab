import type { ProductStatus, RecommendedItem } from '@touchpoint/contracts';
import type { AccessoryCatalog } from './accessory-catalog';

/** Never recommended: out of stock or no longer sold, owned (unless consumable), or ever brought back. */
export function isUnwanted(productId: string, products: Readonly<Record<string, ProductStatus>>, catalog: AccessoryCatalog): boolean {
  if (!catalog.isAvailable(productId)) return true;
  const status = products[productId];
  return status !== undefined && ((status.unitsOwned > 0 && !catalog.isConsumable(productId)) || status.unitsReturned > 0);
}

const lastPurchase = (status: ProductStatus): number => (status.lastPurchaseAt === null ? -Infinity : Date.parse(status.lastPurchaseAt));

/**
 * Accessories of every product the customer owns (units bought and kept: a partial return
 * keeps them, a full return drops them), latest purchase first, each accessory once (for the
 * latest purchase it goes with), leaving out what the customer owns (unless consumable) or ever
 * brought back, and what is out of stock or no longer sold.
 */
export function recommendAccessories(products: Readonly<Record<string, ProductStatus>>, catalog: AccessoryCatalog): RecommendedItem[] {
  const owned = Object.entries(products)
    .filter(([, status]) => status.unitsOwned > 0)
    .sort(([a, x], [b, y]) => lastPurchase(y) - lastPurchase(x) || a.localeCompare(b))
    .map(([productId]) => productId);
  const unwanted = (productId: string): boolean => isUnwanted(productId, products, catalog);

  const items: RecommendedItem[] = [];
  const listed = new Set<string>();
  for (const becauseOf of owned) {
    for (const productId of catalog.accessoriesOf(becauseOf)) {
      if (listed.has(productId) || unwanted(productId)) continue;
      listed.add(productId);
      items.push({ productId, rank: items.length + 1, reason: 'accessory_of_purchase', becauseOf });
    }
  }
  return items;
}
