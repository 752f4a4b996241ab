import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Topics } from '@touchpoint/contracts';
import { allPoisonLettered, poisonConsumerEnv, poisonRecords, producePoison, waitFor } from '@touchpoint/kafka-testing';
import { findPersonalData } from '@touchpoint/personal-data';
import { type IngestHarness, startIngestHarness } from '../testing/ingest-harness';
import { storeMessageId } from './store-transaction-to-event';

describe('ingest dead-letters poison on tp.pos.transactions.v1 and moves on', () => {
  let ingest: IngestHarness;

  beforeAll(async () => {
    ingest = await startIngestHarness({ env: poisonConsumerEnv });
  }, 30_000);

  afterAll(async () => {
    await ingest?.stop();
  }, 30_000);

  it('gives each poison record a dead letter with its code, and publishes the good transaction after them', async () => {
    const transactionId = `POISON-${randomUUID()}`;
    const good = { transactionId, kind: 'order', storeId: 'AMS-01', occurredAt: '2024-05-03T10:15:00Z', lines: [{ productId: 'jacket-1', quantity: 1, unitPrice: 129.95 }], customer: { loyaltyId: 'L-POISON' } };
    const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
    const poison = [
      // The one valid after all would publish the good transaction ahead of the good record, the marker below.
      ...poisonRecords(good).filter((p) => p.code !== null),
      { label: 'unknown store', value: json({ ...good, storeId: 'NOWHERE-9' }), code: 'TP_INGEST_UNKNOWN_STORE' },
      { label: 'too many lines (3,000, 190 KB)', value: json({ ...good, lines: Array.from({ length: 3_000 }, (_, i) => ({ productId: `p-${i}`, quantity: 1, unitPrice: 1, sku: `sku-${i}` })) }), code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
    ];
    const producer = await ingest.producer();
    const { partition, offsets, goodOffset } = await producePoison(producer, Topics.posTransactions.name, `AMS-01:${transactionId}`, poison, json(good));

    // A positive marker: the good record, last on the partition, reached the raw topic.
    await ingest.landedEvent(storeMessageId({ storeId: 'AMS-01', transactionId, kind: 'order' }));
    const ours = (offset: string | undefined) => ingest.deadLetters.find((letter) => letter.source.topic === Topics.posTransactions.name && letter.source.partition === partition && letter.source.offset === offset);
    const letterOf = (index: number) => ours(offsets[index]);
    await waitFor(() => (allPoisonLettered(poison, letterOf) ? true : undefined), 'a dead letter per poison record');
    // Codes only: ingest's own dead letters carry the value re-encoded with contact fields hashed, not the original bytes.
    expect(poison.map((p, index) => ({ label: p.label, code: letterOf(index)?.errorCode }))).toEqual(poison.map((p) => ({ label: p.label, code: p.code })));
    expect(ours(goodOffset)).toBeUndefined();
    for (const letter of poison.map((_, index) => letterOf(index))) {
      // Decoded first: base64 is no text to look for personal data in.
      const text = `${letter?.errorMessage ?? ''} ${Buffer.from(letter?.value ?? '', 'base64').toString('utf8')}`;
      expect(findPersonalData(text)).toEqual([]);
    }
  }, 60_000);
});
