import type { CatalogProduct } from '@touchpoint/contracts';
import type { ProductCatalog } from './product-catalog';

/**
 * The products whose change can move a decision: availability or accessories changed, or new.
 * Profiles holding them, or holding a product they are an accessory of, are decided again.
 */
export function productsToRedecide(before: ProductCatalog, after: ProductCatalog, imported: readonly CatalogProduct[]): string[] {
  const changed = new Set<string>();
  for (const product of imported) {
    const old = before.get(product.productId);
    const moved =
      old === undefined ||
      before.isAvailable(product.productId) !== after.isAvailable(product.productId) ||
      old.consumable !== product.consumable ||
      old.accessories.join('|') !== product.accessories.join('|');
    if (moved) changed.add(product.productId);
  }
  const parents = after.products.filter((product) => product.accessories.some((id) => changed.has(id))).map((product) => product.productId);
  return [...new Set([...changed, ...parents])].sort();
}
