import type { ProductFacts, RecommendedItem } from '@touchpoint/contracts';
import { productStatus } from '@touchpoint/journey-model';
import type { AccessoryCatalog } from './accessory-catalog';

const lastPurchase = (facts: ProductFacts): number => Math.max(facts.purchasedOnlineAt ?? -Infinity, facts.purchasedInStoreAt ?? -Infinity);

/**
 * Accessories of every product the customer owns (bought and kept), latest purchase first,
 * each accessory once (for the latest purchase it goes with), leaving out what the customer
 * owns or once brought back.
 */
export function recommendAccessories(products: Readonly<Record<string, ProductFacts>>, catalog: AccessoryCatalog): RecommendedItem[] {
  const owned = Object.entries(products)
    .filter(([, facts]) => productStatus(facts).owned)
    .sort(([a, x], [b, y]) => lastPurchase(y) - lastPurchase(x) || a.localeCompare(b))
    .map(([productId]) => productId);
  const unwanted = (productId: string): boolean => {
    const facts = products[productId];
    return facts !== undefined && (productStatus(facts).owned || facts.returnedAt !== null);
  };

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
