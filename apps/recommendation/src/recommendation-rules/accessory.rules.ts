import type { ProductStatus, RecommendedItem } from '@touchpoint/contracts';
import type { SimilarProducts } from '../signals/similar-products';
import { noSimilarProducts } from '../signals/similar-products';
import type { AccessoryCatalog } from './accessory-catalog';

/** Never recommended: out of stock or no longer sold, owned (unless consumable), or ever brought back. */
export function isUnwanted(productId: string, products: Readonly<Record<string, ProductStatus>>, catalog: AccessoryCatalog): boolean {
  if (!catalog.isAvailable(productId)) return true;
  const status = products[productId];
  return status !== undefined && ((status.unitsOwned > 0 && !catalog.isConsumable(productId)) || status.unitsReturned > 0);
}

const lastPurchase = (status: ProductStatus): number => (status.lastPurchaseAt === null ? -Infinity : Date.parse(status.lastPurchaseAt));

/** The longest list platforms are given. */
export const MAX_RECOMMENDATIONS = 20;
/** Co-occurring products taken per product owned. */
const SIMILAR_PER_PRODUCT = 10;

/**
 * After a purchase: the catalog's accessories and then complements of every product the
 * customer owns (units bought and kept: a partial return keeps them, a full return drops
 * them), latest purchase first; then what is bought together with them, then what is viewed
 * together with them, from the co-occurrence snapshot, then what is popular in the customer's
 * audiences (`popular_in_segment`). Each product once, for the first reason
 * it qualifies; never what the customer owns (unless consumable) or ever brought back, nor what
 * is out of stock or no longer sold.
 */
export function recommendAccessories(
  products: Readonly<Record<string, ProductStatus>>,
  catalog: AccessoryCatalog,
  signals: SimilarProducts = noSimilarProducts,
  audiences: readonly string[] = [],
): RecommendedItem[] {
  const owned = Object.entries(products)
    .filter(([, status]) => status.unitsOwned > 0)
    .sort(([a, x], [b, y]) => lastPurchase(y) - lastPurchase(x) || a.localeCompare(b))
    .map(([productId]) => productId);
  const items: RecommendedItem[] = [];
  const listed = new Set<string>();
  const offer = (reason: RecommendedItem['reason'], candidates: (becauseOf: string) => readonly string[]) => {
    for (const becauseOf of owned) {
      for (const productId of candidates(becauseOf)) {
        if (items.length >= MAX_RECOMMENDATIONS || listed.has(productId) || isUnwanted(productId, products, catalog)) continue;
        listed.add(productId);
        items.push({ productId, rank: items.length + 1, reason, becauseOf });
      }
    }
  };
  offer('accessory_of_purchase', (id) => catalog.accessoriesOf(id));
  offer('complement_of_purchase', (id) => catalog.complementsOf(id));
  offer('bought_together', (id) => signals.similar('bought_together', id, SIMILAR_PER_PRODUCT));
  offer('viewed_together', (id) => signals.similar('viewed_together', id, SIMILAR_PER_PRODUCT));
  if (owned.length > 0) {
    for (const audience of [...audiences].sort()) {
      for (const productId of signals.popular(`audience:${audience}`, SIMILAR_PER_PRODUCT)) {
        if (items.length >= MAX_RECOMMENDATIONS || listed.has(productId) || isUnwanted(productId, products, catalog)) continue;
        listed.add(productId);
        items.push({ productId, rank: items.length + 1, reason: 'popular_in_segment', becauseOf: null });
      }
    }
  }
  return items;
}
