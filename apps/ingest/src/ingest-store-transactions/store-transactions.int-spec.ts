import 'reflect-metadata';
import { CommerceEvent, Topics } from '@touchpoint/contracts';
import { type IngestHarness, startIngestHarness } from '../testing/ingest-harness';

describe('tp.pos.transactions.v1 into ingest', () => {
  let ingest: IngestHarness;

  beforeAll(async () => {
    ingest = await startIngestHarness();
  }, 30_000);

  afterAll(async () => {
    await ingest?.stop();
  }, 30_000);

  it('maps a transaction on the POS topic to the same event the HTTP endpoint would publish', async () => {
    const producer = await ingest.producer();
    const sale = Topics.posTransactions.schema.parse({
      transactionId: 'POS-T-1',
      kind: 'order',
      storeId: 'AMS-01',
      occurredAt: '2024-05-03T10:15:00+02:00',
      lines: [{ productId: 'jacket-1', quantity: 1, unitPrice: 129.95 }],
      customer: { loyaltyId: 'L-POS-1' },
    });
    await producer.send({ topic: Topics.posTransactions.name, messages: [{ key: Topics.posTransactions.key(sale), value: JSON.stringify(sale) }] });
    const event = await ingest.landedEvent('store:AMS-01:POS-T-1:order');
    expect(event).toMatchObject({
      type: 'track',
      event: CommerceEvent.OrderCompleted,
      timestamp: '2024-05-03T08:15:00.000Z',
      properties: { order_id: 'POS-T-1', total: 129.95 },
      context: { channel: 'store', storeId: 'AMS-01', loyaltyId: 'L-POS-1' },
    });
  });
});
