import 'reflect-metadata';
import { CommerceEvent, Topics } from '@touchpoint/contracts';
import { findPersonalData } from '@touchpoint/personal-data';
import { type IngestHarness, startIngestHarness, waitFor } from '../testing/ingest-harness';
import { testHasher } from '../testing/test-personal-data';

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

  it("links the till's email and national phone by their keyed hashes, the number read in the store's country", async () => {
    const producer = await ingest.producer();
    const sale = {
      transactionId: 'POS-T-2',
      kind: 'order',
      storeId: 'AMS-01',
      occurredAt: '2024-05-03T10:15:00+02:00',
      lines: [{ productId: 'jacket-1', quantity: 1, unitPrice: 129.95 }],
      customer: { email: 'Till.Customer@Example.com', phone: '06 12345678' },
    };
    await producer.send({ topic: Topics.posTransactions.name, messages: [{ key: 'AMS-01:POS-T-2', value: JSON.stringify(sale) }] });
    const event = await ingest.landedEvent('store:AMS-01:POS-T-2:order');
    expect(event.context).toMatchObject({ emailHash: testHasher.emailHash('till.customer@example.com'), phoneHash: testHasher.phoneHash('+31 6 12345678') });
    expect(findPersonalData(JSON.stringify(event))).toEqual([]);
  });

  it('dead-letters a wrong POS message with its contact fields hashed, not its original bytes', async () => {
    const producer = await ingest.producer();
    const customer = { email: 'dead.letter@example.com', phone: '+31 6 87654321' };
    const broken = { transactionId: 'POS-T-3', kind: 'order', storeId: 'AMS-01', occurredAt: '2024-05-03T10:15:00Z', lines: [], customer };
    const unknownStore = { ...broken, transactionId: 'POS-T-4', storeId: 'NOWHERE-1', lines: [{ productId: 'jacket-1', quantity: 1, unitPrice: 1 }] };
    await producer.send({
      topic: Topics.posTransactions.name,
      messages: [broken, unknownStore].map((value) => ({ key: `${value.storeId}:${value.transactionId}`, value: JSON.stringify(value) })),
    });
    const ours = () => ingest.deadLetters.filter((letter) => /POS-T-[34]/.test(Buffer.from(letter.value ?? '', 'base64').toString('utf8')));
    const letters = await waitFor(() => (ours().length >= 2 ? ours() : undefined), 'two dead letters');
    expect(letters.map((letter) => letter.errorCode).sort()).toEqual(['TP_CONSUMER_SCHEMA_MISMATCH', 'TP_INGEST_UNKNOWN_STORE']);
    for (const letter of letters) {
      const value = JSON.parse(Buffer.from(letter.value ?? '', 'base64').toString('utf8')) as { transactionId: string; customer: Record<string, string> };
      expect(value.customer).toEqual({ email: testHasher.emailHash(customer.email), phone: testHasher.phoneHash(customer.phone) });
      expect(findPersonalData(JSON.stringify(letter))).toEqual([]);
      expect(letter).toMatchObject({ consumerGroup: 'touchpoint-ingest-pos', source: { topic: Topics.posTransactions.name } });
    }
    expect(ingest.landed.has('store:NOWHERE-1:POS-T-4:order')).toBe(false);
  });
});
