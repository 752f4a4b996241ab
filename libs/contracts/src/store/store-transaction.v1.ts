import { z } from 'zod';
import { isoTimestamp } from '../segment/timestamps';

const id = z.string().trim().min(1).max(128);

export const storeLineItemSchema = z.object({
  productId: id,
  sku: z.string().max(128).optional(),
  name: z.string().max(500).optional(),
  quantity: z.number().int().positive(),
  unitPrice: z.number().nonnegative(),
});

/**
 * One point-of-sale transaction: a sale ("order") or a return, with whatever identifies
 * the customer at the till. Accepted over HTTP and CSV by ingest and on tp.pos.transactions.v1.
 */
export const storeTransactionSchema = z
  .object({
    transactionId: id,
    kind: z.enum(['order', 'return']),
    storeId: id,
    occurredAt: isoTimestamp,
    currency: z.string().length(3).default('EUR'),
    lines: z.array(storeLineItemSchema).min(1).max(500),
    customer: z
      .object({
        loyaltyId: id.optional(),
        posCustomerId: id.optional(),
        email: z.string().trim().max(320).optional(),
        phone: z.string().trim().max(32).optional(),
      })
      .default({}),
    /** For returns: the sale being returned, when the till knows it. */
    originalTransactionId: id.optional(),
  })
  .strict();

export type StoreTransaction = z.infer<typeof storeTransactionSchema>;
