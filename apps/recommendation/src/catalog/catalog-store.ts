import type { CatalogProduct } from '@touchpoint/contracts';

export interface StoredCatalog {
  /** Moves on with every import; 0 before the first. */
  readonly version: number;
  readonly products: readonly CatalogProduct[];
}

/** Port: where imported products are kept. */
export abstract class CatalogStore {
  /** Upserts the products and moves the version on; the new version. */
  abstract upsert(products: readonly CatalogProduct[]): Promise<number>;
  abstract load(): Promise<StoredCatalog>;
  abstract version(): Promise<number>;
  /** Profiles (not merged away) whose view names any of the products: those a catalog change may re-decide. */
  abstract profilesWithAny(productIds: readonly string[]): Promise<string[]>;
}
