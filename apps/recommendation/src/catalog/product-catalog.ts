import type { CatalogProduct } from '@touchpoint/contracts';
import { Catalog } from './catalog';

/** A catalog held in memory: a snapshot of products, read synchronously by the rules. */
export class ProductCatalog extends Catalog {
  private readonly byId: ReadonlyMap<string, CatalogProduct>;

  constructor(readonly products: readonly CatalogProduct[]) {
    super();
    this.byId = new Map(products.map((product) => [product.productId, product]));
  }

  get(productId: string): CatalogProduct | undefined {
    return this.byId.get(productId);
  }

  accessoriesOf(productId: string): readonly string[] {
    return this.byId.get(productId)?.accessories ?? [];
  }

  complementsOf(productId: string): readonly string[] {
    return this.byId.get(productId)?.complements ?? [];
  }

  isAvailable(productId: string): boolean {
    const product = this.byId.get(productId);
    return product === undefined || (product.inStock && product.active);
  }

  isConsumable(productId: string): boolean {
    return this.byId.get(productId)?.consumable ?? false;
  }

  nameOf(productId: string): string | null {
    return this.byId.get(productId)?.name ?? null;
  }
}
