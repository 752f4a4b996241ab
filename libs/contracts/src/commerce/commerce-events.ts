import { z } from 'zod';
import type { SegmentMessage } from '../segment/segment-message.v1';

/** Segment e-commerce spec event names that drive journey and recommendation state. */
export const CommerceEvent = {
  ProductViewed: 'Product Viewed',
  ProductAdded: 'Product Added',
  ProductRemoved: 'Product Removed',
  CheckoutStarted: 'Checkout Started',
  OrderCompleted: 'Order Completed',
  OrderRefunded: 'Order Refunded',
} as const;
export type CommerceEventName = (typeof CommerceEvent)[keyof typeof CommerceEvent];

const productId = z.union([z.string().trim().min(1).max(128), z.number().transform(String)]);

/** A product as the Segment e-commerce spec describes it; extra keys are kept. */
export const productSchema = z.looseObject({
  product_id: productId,
  sku: z.string().max(128).optional(),
  name: z.string().max(500).optional(),
  category: z.string().max(200).optional(),
  price: z.number().nonnegative().optional(),
  quantity: z.number().int().positive().optional(),
});
export type Product = z.infer<typeof productSchema>;

export const orderPropertiesSchema = z.looseObject({
  order_id: z.string().trim().min(1).max(128).optional(),
  total: z.number().optional(),
  revenue: z.number().optional(),
  currency: z.string().length(3).optional(),
  products: z.array(productSchema).default([]),
});

const singleProductEvents: ReadonlySet<string> = new Set([CommerceEvent.ProductViewed, CommerceEvent.ProductAdded, CommerceEvent.ProductRemoved]);
const orderEvents: ReadonlySet<string> = new Set([CommerceEvent.CheckoutStarted, CommerceEvent.OrderCompleted, CommerceEvent.OrderRefunded]);

/**
 * The product ids a commerce event is about. Events whose properties do not follow the
 * spec yield none: they still count as touchpoints but change no product state.
 */
export function productIdsOf(message: SegmentMessage): string[] {
  if (message.type !== 'track') return [];
  if (singleProductEvents.has(message.event)) {
    const parsed = productSchema.safeParse(message.properties);
    return parsed.success ? [parsed.data.product_id] : [];
  }
  if (orderEvents.has(message.event)) {
    const parsed = orderPropertiesSchema.safeParse(message.properties);
    return parsed.success ? [...new Set(parsed.data.products.map((p) => p.product_id))] : [];
  }
  return [];
}

export function isCommerceEvent(name: string): name is CommerceEventName {
  return singleProductEvents.has(name) || orderEvents.has(name);
}
