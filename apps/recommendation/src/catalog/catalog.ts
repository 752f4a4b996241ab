import type { AccessoryCatalog } from '../recommendation-rules/accessory-catalog';

/** Port: the product catalog, as far as recommendations need it. Answers synchronously: the rules are pure. */
export abstract class Catalog implements AccessoryCatalog {
  abstract accessoriesOf(productId: string): readonly string[];
  abstract nameOf(productId: string): string | null;
}
