import type { ProductStatus, RecommendedItem } from '@touchpoint/contracts';
import type { AccessoryCatalog } from '../recommendation-rules/accessory-catalog';
import { isUnwanted } from '../recommendation-rules/accessory.rules';

/**
 * The list for a page showing `contextProductId`: that product's accessories first (not what
 * the customer owns or brought back), then the profile's own list, without the product itself,
 * ranked again and cut to `limit`.
 */
export function inContext(
  told: readonly RecommendedItem[],
  products: Readonly<Record<string, ProductStatus>>,
  contextProductId: string | null,
  catalog: AccessoryCatalog,
  limit: number,
): RecommendedItem[] {
  const unwanted = (productId: string): boolean => productId === contextProductId || isUnwanted(productId, products, catalog);
  const contextual: Omit<RecommendedItem, 'rank'>[] =
    contextProductId === null
      ? []
      : catalog.accessoriesOf(contextProductId).map((productId) => ({ productId, reason: 'accessory_of_context' as const, becauseOf: contextProductId }));
  const listed = new Set<string>();
  const items: RecommendedItem[] = [];
  for (const item of [...contextual, ...told]) {
    if (items.length >= limit) break;
    if (listed.has(item.productId) || unwanted(item.productId)) continue;
    listed.add(item.productId);
    items.push({ ...item, rank: items.length + 1 });
  }
  return items;
}
