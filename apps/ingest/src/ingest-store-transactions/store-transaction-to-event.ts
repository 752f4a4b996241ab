import { createHash } from 'node:crypto';
import { CommerceEvent, type StoreTransaction, type trackMessageSchema } from '@touchpoint/contracts';
import type { z } from 'zod';
import type { ContactHashes } from '../personal-data/personal-data-policy';

const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/** messageId and anonymousId on tp.events.raw.v1 are at most 256 characters. */
const MAX_ID_LENGTH = 256;

function boundedId(id: string): string {
  return id.length <= MAX_ID_LENGTH ? id : `store:sha256:${sha256(id)}`;
}

/** The same transaction sent twice gets the same id, so consumers drop the repeat. */
export function storeMessageId(transaction: Pick<StoreTransaction, 'storeId' | 'transactionId' | 'kind'>): string {
  return boundedId(`store:${transaction.storeId}:${transaction.transactionId}:${transaction.kind}`);
}

const roundCents = (amount: number): number => Math.round(amount * 100) / 100;

/**
 * A till transaction as a Segment e-commerce event: a sale is "Order Completed", a return
 * "Order Refunded", on the store channel. The customer is known by loyalty card or POS id;
 * without either, the sale stands alone under an anonymous id of its own. Email and phone from
 * the receipt travel only as the keyed hashes in `contact`, which identity links on.
 */
export function storeTransactionToEvent(transaction: StoreTransaction, receivedAt: Date, contact: ContactHashes): z.input<typeof trackMessageSchema> {
  const { customer } = transaction;
  const identified = Boolean(customer.loyaltyId || customer.posCustomerId);
  return {
    type: 'track',
    messageId: storeMessageId(transaction),
    ...(identified ? {} : { anonymousId: boundedId(`store:${transaction.storeId}:${transaction.transactionId}`) }),
    event: transaction.kind === 'order' ? CommerceEvent.OrderCompleted : CommerceEvent.OrderRefunded,
    properties: {
      order_id: transaction.transactionId,
      total: roundCents(transaction.lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0)),
      currency: transaction.currency,
      products: transaction.lines.map((line) => ({
        product_id: line.productId,
        ...(line.sku ? { sku: line.sku } : {}),
        ...(line.name ? { name: line.name } : {}),
        price: line.unitPrice,
        quantity: line.quantity,
      })),
      ...(transaction.originalTransactionId ? { original_order_id: transaction.originalTransactionId } : {}),
    },
    context: {
      channel: 'store',
      storeId: transaction.storeId,
      ...(customer.loyaltyId ? { loyaltyId: customer.loyaltyId } : {}),
      ...(customer.posCustomerId ? { posCustomerId: customer.posCustomerId } : {}),
      ...contact,
    },
    timestamp: new Date(transaction.occurredAt).toISOString(),
    receivedAt: receivedAt.toISOString(),
  };
}
