import { Catalog } from './catalog';

export interface CatalogProduct {
  readonly productId: string;
  readonly name: string;
  /** Products that go with this one, best first. */
  readonly accessories: readonly string[];
}

/** A small fixed catalog until catalog data is loaded from the shop. */
export const seedCatalogProducts: readonly CatalogProduct[] = [
  { productId: 'jacket-42', name: 'Rain jacket', accessories: ['gloves-7', 'scarf-3', 'beanie-9'] },
  { productId: 'boots-11', name: 'Leather boots', accessories: ['socks-2', 'polish-5'] },
  { productId: 'gloves-7', name: 'Leather gloves', accessories: [] },
  { productId: 'scarf-3', name: 'Wool scarf', accessories: [] },
  { productId: 'beanie-9', name: 'Knitted beanie', accessories: [] },
  { productId: 'socks-2', name: 'Merino hiking socks', accessories: [] },
  { productId: 'polish-5', name: 'Leather polish', accessories: [] },
];

export class SeedCatalog extends Catalog {
  private readonly byId: ReadonlyMap<string, CatalogProduct>;

  constructor(products: readonly CatalogProduct[] = seedCatalogProducts) {
    super();
    this.byId = new Map(products.map((product) => [product.productId, product]));
  }

  accessoriesOf(productId: string): readonly string[] {
    return this.byId.get(productId)?.accessories ?? [];
  }

  nameOf(productId: string): string | null {
    return this.byId.get(productId)?.name ?? null;
  }
}
