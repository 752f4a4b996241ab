import { CommerceEvent, productIdsOf, type SegmentMessage, type StoreTransaction, storeTransactionSchema, Topics } from '@touchpoint/contracts';
import { FixedClock } from '../testing/fixed-clock';
import { testHasher, testPolicy, testStores } from '../testing/test-personal-data';
import { RecordingRawEventSink } from '../testing/recording-raw-event-sink';
import { IngestStoreTransactionsCommand } from './ingest-store-transactions.command';
import { IngestStoreTransactionsHandler } from './ingest-store-transactions.handler';

const RECEIVED_AT = '2024-05-03T09:00:00.000Z';

function transaction(overrides: Partial<StoreTransaction> = {}): StoreTransaction {
  return storeTransactionSchema.parse({
    transactionId: 'T-1001',
    kind: 'order',
    storeId: 'AMS-01',
    occurredAt: '2024-05-03T10:15:00+02:00',
    lines: [
      { productId: 'jacket-1', sku: 'JKT-1-M', name: 'Rain jacket', quantity: 1, unitPrice: 129.95 },
      { productId: 'socks-9', quantity: 3, unitPrice: 4.99 },
    ],
    customer: { loyaltyId: 'L-42' },
    ...overrides,
  });
}

async function ingest(...transactions: StoreTransaction[]): Promise<SegmentMessage[]> {
  const sink = new RecordingRawEventSink();
  await new IngestStoreTransactionsHandler(sink, new FixedClock(new Date(RECEIVED_AT)), testStores, testPolicy()).execute(new IngestStoreTransactionsCommand(transactions));
  return sink.published;
}

describe('IngestStoreTransactionsHandler', () => {
  it('turns a sale into an Order Completed event on the store channel, keyed by the loyalty card', async () => {
    const [event] = await ingest(transaction());
    expect(event).toEqual({
      type: 'track',
      event: CommerceEvent.OrderCompleted,
      messageId: 'store:AMS-01:T-1001:order',
      properties: {
        order_id: 'T-1001',
        total: 144.92,
        currency: 'EUR',
        products: [
          { product_id: 'jacket-1', sku: 'JKT-1-M', name: 'Rain jacket', price: 129.95, quantity: 1 },
          { product_id: 'socks-9', price: 4.99, quantity: 3 },
        ],
      },
      context: { channel: 'store', storeId: 'AMS-01', loyaltyId: 'L-42' },
      timestamp: '2024-05-03T08:15:00.000Z',
      receivedAt: RECEIVED_AT,
    });
    expect(Topics.eventsRaw.key(event)).toBe('loyaltyId:L-42');
    expect(productIdsOf(event)).toEqual(['jacket-1', 'socks-9']);
  });

  it('turns a return into Order Refunded, pointing at the original sale', async () => {
    const [event] = await ingest(
      transaction({ transactionId: 'T-2002', kind: 'return', originalTransactionId: 'T-1001', lines: [{ productId: 'jacket-1', quantity: 1, unitPrice: 129.95 }] }),
    );
    expect(event).toMatchObject({
      type: 'track',
      event: CommerceEvent.OrderRefunded,
      messageId: 'store:AMS-01:T-2002:return',
      properties: { order_id: 'T-2002', original_order_id: 'T-1001', total: 129.95, products: [{ product_id: 'jacket-1' }] },
    });
    expect(event.userId ?? undefined).toBeUndefined();
  });

  it('gives a re-sent transaction the same messageId, and a sale and its return different ones', async () => {
    const first = await ingest(transaction());
    const again = await ingest(transaction({ occurredAt: '2024-05-03T10:16:00+02:00' }));
    const refund = await ingest(transaction({ kind: 'return' }));
    const elsewhere = await ingest(transaction({ storeId: 'RTM-02' }));
    expect(again[0].messageId).toBe(first[0].messageId);
    expect(new Set([first[0].messageId, refund[0].messageId, elsewhere[0].messageId]).size).toBe(3);
  });

  it('carries the POS customer id when there is no loyalty card', async () => {
    const [event] = await ingest(transaction({ customer: { posCustomerId: 'POS-7' } }));
    expect(event.context).toEqual({ channel: 'store', storeId: 'AMS-01', posCustomerId: 'POS-7' });
    expect(event.anonymousId ?? undefined).toBeUndefined();
    expect(Topics.eventsRaw.key(event)).toBe('posCustomerId:POS-7');
  });

  it('accepts an anonymous sale under an id of its own', async () => {
    const [event] = await ingest(transaction({ customer: {} }));
    expect(event.anonymousId).toBe('store:AMS-01:T-1001');
    expect(event.context).toEqual({ channel: 'store', storeId: 'AMS-01' });
  });

  it('hashes email and phone with the shared key after normalizing them, and never publishes them in clear', async () => {
    const [event] = await ingest(transaction({ customer: { email: '  Sanne@Example.COM ', phone: '0031 6-1234 5678' } }));
    expect(event.context).toMatchObject({ emailHash: testHasher.emailHash('sanne@example.com'), phoneHash: testHasher.phoneHash('+31612345678') });
    expect(event.anonymousId).toBe('store:AMS-01:T-1001');
    const wire = JSON.stringify(event).toLowerCase();
    expect(wire).not.toContain('sanne');
    expect(wire).not.toContain('12345678');
  });

  it("reads a national number in the store's country, so it links with the same number in international form", async () => {
    const international = testHasher.phoneHash('+31 6 12345678');
    const [national] = await ingest(transaction({ storeId: 'AMS-01', customer: { phone: '06 12345678' } }));
    const [formatted] = await ingest(transaction({ customer: { phone: '+31 (6) 12345678' } }));
    expect(national.context.phoneHash).toBe(international);
    expect(formatted.context.phoneHash).toBe(international);
    // In a Belgian store the same digits are a Belgian number, another customer.
    const [belgian] = await ingest(transaction({ storeId: 'ANT-01', customer: { phone: '0470 12 34 56' } }));
    expect(belgian.context.phoneHash).toBe(testHasher.phoneHash('+32470123456'));
  });

  it('refuses a transaction from a store the registry does not know, publishing nothing of the request', async () => {
    const sink = new RecordingRawEventSink();
    const handler = new IngestStoreTransactionsHandler(sink, new FixedClock(new Date(RECEIVED_AT)), testStores, testPolicy());
    const refused = handler.execute(new IngestStoreTransactionsCommand([transaction(), transaction({ storeId: 'NOWHERE-9' })]));
    await expect(refused).rejects.toMatchObject({ code: 'TP_INGEST_UNKNOWN_STORE', details: [{ path: 'transactions.1.storeId' }] });
    expect(sink.published).toEqual([]);
  });

  it('hashes personal data typed into product names at the till', async () => {
    const [event] = await ingest(transaction({ lines: [{ productId: 'gift-card', name: 'Gift card for jan@example.com', quantity: 1, unitPrice: 25 }] }));
    expect(JSON.stringify(event)).not.toContain('jan@example.com');
    expect(JSON.stringify(event.properties)).toContain(testHasher.emailHash('jan@example.com'));
  });

  it('totals to the cent', async () => {
    const [event] = await ingest(transaction({ lines: [{ productId: 'p', quantity: 3, unitPrice: 19.99 }, { productId: 'q', quantity: 1, unitPrice: 0.1 }] }));
    expect(event.properties).toMatchObject({ total: 60.07 });
  });

  it('keeps ids within the topic limit even for the longest store and transaction ids', async () => {
    const long = transaction({ storeId: 's'.repeat(128), transactionId: 't'.repeat(128), customer: {}, kind: 'return' });
    const [first] = await ingest(long);
    const [second] = await ingest(long);
    expect(first.messageId.length).toBeLessThanOrEqual(256);
    expect(first.messageId).toBe(second.messageId);
    expect(first.messageId).not.toBe((await ingest({ ...long, kind: 'order' }))[0].messageId);
    expect(first.anonymousId?.length).toBeLessThanOrEqual(256);
  });
});
