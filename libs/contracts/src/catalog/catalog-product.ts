import { z } from 'zod';

const productId = z.string().trim().min(1).max(128);

/** One product of the catalog as shops import it (JSON, or one CSV row). */
export const catalogProductSchema = z.object({
  productId,
  name: z.string().trim().min(1).max(300),
  category: z.string().trim().min(1).max(128),
  price: z.number().nonnegative().max(10_000_000),
  currency: z.string().length(3).toUpperCase(),
  /** Products that go with this one, best first (gloves with a jacket). */
  accessories: z.array(productId).max(50).default([]),
  /** Products bought alongside rather than for it (boots with a jacket). */
  complements: z.array(productId).max(50).default([]),
  inStock: z.boolean().default(true),
  /** Bought again and again (socks, polish): owning it does not stop recommending it. */
  consumable: z.boolean().default(false),
  /** An inactive product is no longer sold: it leaves every list. */
  active: z.boolean().default(true),
});
export type CatalogProduct = z.output<typeof catalogProductSchema>;
