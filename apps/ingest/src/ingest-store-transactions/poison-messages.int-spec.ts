import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Topics } from '@touchpoint/contracts';
import { waitFor } from '@touchpoint/kafka-testing';
import { findPersonalData } from '@touchpoint/personal-data';
import { type IngestHarness, startIngestHarness } from '../testing/ingest-harness';
import { storeMessageId } from './store-transaction-to-event';

describe('ingest dead-letters poison on tp.pos.transactions.v1 and moves on', () => {
  let ingest: IngestHarness;

  beforeAll(async () => {
    ingest = await startIngestHarness();
  }, 30_000);

  afterAll(async () => {
    await ingest?.stop();
  }, 30_000);

  it('gives each poison record a dead letter with its code, and publishes the good transaction after them', async () => {
    const transactionId = `POISON-${randomUUID()}`;
    const good = { transactionId, kind: 'order', storeId: 'AMS-01', occurredAt: '2024-05-03T10:15:00Z', lines: [{ productId: 'jacket-1', quantity: 1, unitPrice: 129.95 }], customer: { loyaltyId: 'L-POISON' } };
    const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
    const poison = [
      { label: 'invalid JSON', value: Buffer.from('{"transactionId": "not closed'), code: 'TP_CONSUMER_UNDECODABLE' },
      { label: 'not UTF-8', value: Buffer.from([0xff, 0xfe, 0x00, 0x7b]), code: 'TP_CONSUMER_UNDECODABLE' },
      { label: 'empty value', value: null, code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
      { label: 'schema violation', value: json({ hello: 'world' }), code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
      { label: 'wrong version', value: json({ version: 2, data: good }), code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
      { label: 'unknown store', value: json({ ...good, storeId: 'NOWHERE-9' }), code: 'TP_INGEST_UNKNOWN_STORE' },
      { label: 'oversized (10,000 lines, 500 KB)', value: json({ ...good, lines: Array.from({ length: 10_000 }, (_, i) => ({ productId: `p-${i}`, quantity: 1, unitPrice: 1, sku: `sku-${i}` })) }), code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
    ];
    const producer = await ingest.producer();
    const key = `AMS-01:${transactionId}`;
    const [sent] = await producer.send({ topic: Topics.posTransactions.name, acks: -1, messages: [...poison.map(({ value }) => ({ key, value })), { key, value: json(good) }] });
    const first = Number(sent.baseOffset);

    // A positive marker: the good record, last on the partition, reached the raw topic.
    await ingest.landedEvent(storeMessageId({ storeId: 'AMS-01', transactionId, kind: 'order' }));
    const ours = (offset: number) => ingest.deadLetters.find((letter) => letter.source.topic === Topics.posTransactions.name && letter.source.partition === sent.partition && letter.source.offset === String(offset));
    await waitFor(() => (poison.every((_, index) => ours(first + index)) ? true : undefined), 'a dead letter per poison record');
    expect(poison.map((p, index) => ({ label: p.label, code: ours(first + index)?.errorCode }))).toEqual(poison.map((p) => ({ label: p.label, code: p.code })));
    expect(ours(first + poison.length)).toBeUndefined();
    for (const letter of poison.map((_, index) => ours(first + index))) {
      // Decoded first: base64 is no text to look for personal data in.
      const text = `${letter?.errorMessage ?? ''} ${Buffer.from(letter?.value ?? '', 'base64').toString('utf8')}`;
      expect(findPersonalData(text)).toEqual([]);
    }
  }, 60_000);
});
