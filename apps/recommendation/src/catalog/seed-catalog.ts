import type { CatalogProduct } from '@touchpoint/contracts';
import { ProductCatalog } from './product-catalog';

const product = (productId: string, name: string, category: string, price: number, accessories: string[] = [], consumable = false): CatalogProduct => ({
  productId,
  name,
  category,
  price,
  currency: 'EUR',
  accessories,
  complements: [],
  inStock: true,
  consumable,
  active: true,
});

/** The demo shop's products: what the catalog holds until a shop imports its own. */
export const seedCatalogProducts: readonly CatalogProduct[] = [
  product('jacket-42', 'Rain jacket', 'outerwear', 129.95, ['gloves-7', 'scarf-3', 'beanie-9']),
  product('boots-11', 'Leather boots', 'footwear', 149.0, ['socks-2', 'polish-5']),
  product('gloves-7', 'Leather gloves', 'accessories', 39.95),
  product('scarf-3', 'Wool scarf', 'accessories', 29.95),
  product('beanie-9', 'Knitted beanie', 'accessories', 19.95),
  product('socks-2', 'Merino hiking socks', 'accessories', 14.95, [], true),
  product('polish-5', 'Leather polish', 'care', 9.95, [], true),
];

export class SeedCatalog extends ProductCatalog {
  constructor(products: readonly CatalogProduct[] = seedCatalogProducts) {
    super(products);
  }
}
