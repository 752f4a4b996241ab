import { randomUUID } from 'node:crypto';

export const EVENTS_PER_BATCH = 100;
export const WRITE_KEY = 'bench_write_key_1';

/** A batch of realistic web events (~300 bytes each) with fresh messageIds, so de-duplication lets every one through. */
export function batchBody(): string {
  const anonymousId = randomUUID();
  const batch = Array.from({ length: EVENTS_PER_BATCH }, (_, index) => ({
    type: 'track',
    messageId: randomUUID(),
    anonymousId,
    event: 'Product Viewed',
    properties: { product_id: `product-${index % 50}`, name: 'Rain jacket', price: 129.95, currency: 'EUR' },
    context: { channel: 'web', page: { path: '/jackets/rain-jacket' }, userAgent: 'Mozilla/5.0 (bench)' },
    timestamp: new Date().toISOString(),
  }));
  return JSON.stringify({ batch, sentAt: new Date().toISOString() });
}
