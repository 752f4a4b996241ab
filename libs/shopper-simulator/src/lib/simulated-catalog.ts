import type { SeededRandom } from './random';

export interface SimulatedProduct {
  readonly productId: string;
  readonly name: string;
  readonly category: string;
  readonly price: number;
  /** The bundle it belongs to: products of one bundle are viewed and bought together. */
  readonly bundle: number;
}

const categories = ['outerwear', 'footwear', 'accessories', 'knitwear', 'care', 'bags'];

/** `bundles` groups of `perBundle` products; the planted co-purchase structure is the bundle. */
export function simulatedCatalog(random: SeededRandom, bundles: number, perBundle: number): SimulatedProduct[] {
  const products: SimulatedProduct[] = [];
  for (let bundle = 0; bundle < bundles; bundle++) {
    for (let i = 0; i < perBundle; i++) {
      const category = categories[(bundle + i) % categories.length];
      products.push({ productId: `sim-${bundle}-${i}`, name: `${category} ${bundle}.${i}`, category, price: 10 + random.int(190) + 0.95, bundle });
    }
  }
  return products;
}
