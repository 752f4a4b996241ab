import type { AccessoryCatalog } from '../recommendation-rules/accessory-catalog';

/** Port: the product catalog, as far as recommendations need it. */
export abstract class Catalog implements AccessoryCatalog {
  abstract accessoriesOf(productId: string): readonly string[];
  abstract complementsOf(productId: string): readonly string[];
  abstract isAvailable(productId: string): boolean;
  abstract isConsumable(productId: string): boolean;
  abstract nameOf(productId: string): string | null;
}
