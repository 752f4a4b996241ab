import { CommerceEvent, type SegmentMessage, TouchpointError } from '@touchpoint/contracts';
import { IngestStoreTransactionsHandler } from '../ingest-store-transactions/ingest-store-transactions.handler';
import { FixedClock } from '../testing/fixed-clock';
import { testHasher, testPolicy, testStores } from '../testing/test-personal-data';
import { RecordingRawEventSink } from '../testing/recording-raw-event-sink';
import { ImportStoreTransactionsCsvCommand } from './import-store-transactions-csv.command';
import { type CsvImportResult, ImportStoreTransactionsCsvHandler } from './import-store-transactions-csv.handler';

const HEADER = 'transactionId,kind,storeId,occurredAt,currency,productId,sku,name,quantity,unitPrice,loyaltyId,posCustomerId,email,phone';

async function importCsv(...rows: string[]): Promise<{ result: CsvImportResult; published: SegmentMessage[] }> {
  const sink = new RecordingRawEventSink();
  const ingest = new IngestStoreTransactionsHandler(sink, new FixedClock(new Date('2024-05-03T09:00:00Z')), testStores, testPolicy());
  const handler = new ImportStoreTransactionsCsvHandler(ingest, testStores);
  const result = await handler.execute(new ImportStoreTransactionsCsvCommand(rows.join('\n')));
  return { result, published: sink.published };
}

async function failure(work: Promise<unknown>): Promise<TouchpointError> {
  const error: unknown = await work.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof TouchpointError)) throw new Error(`expected a TouchpointError, got ${String(error)}`);
  return error;
}

describe('ImportStoreTransactionsCsvHandler', () => {
  it('groups rows by transactionId into one event per transaction, mapped like the JSON endpoint', async () => {
    const { result, published } = await importCsv(
      HEADER,
      'T-1,order,AMS-01,2024-05-03T10:15:00+02:00,EUR,jacket-1,JKT-1-M,Rain jacket,1,129.95,L-42,,sanne@example.com,',
      'T-1,order,AMS-01,2024-05-03T10:15:00+02:00,EUR,socks-9,,"Socks, wool",3,4.99,L-42,,sanne@example.com,',
      'T-2,return,AMS-01,2024-05-04T11:00:00+02:00,,jacket-1,,,1,129.95,L-42,,,',
    );
    expect(result).toEqual({ success: true, accepted: 3, transactions: 2, rejected: [], rejectedCount: 0 });
    expect(published).toHaveLength(2);
    expect(published[0]).toMatchObject({
      messageId: 'store:AMS-01:T-1:order',
      event: CommerceEvent.OrderCompleted,
      properties: { total: 144.92, products: [{ product_id: 'jacket-1', sku: 'JKT-1-M' }, { product_id: 'socks-9', name: 'Socks, wool', quantity: 3 }] },
      context: { channel: 'store', storeId: 'AMS-01', loyaltyId: 'L-42' },
    });
    expect(JSON.stringify(published[0])).not.toContain('sanne');
    expect(published[1]).toMatchObject({ messageId: 'store:AMS-01:T-2:return', event: CommerceEvent.OrderRefunded, properties: { currency: 'EUR' } });
  });

  it('imports the good transactions and reports each bad row by line, column and code', async () => {
    const { result, published } = await importCsv(
      HEADER,
      'T-1,order,AMS-01,2024-05-03T10:15:00Z,EUR,jacket-1,,,1,129.95,L-1,,,',
      'T-2,order,AMS-01,yesterday,EUR,jacket-1,,,1,129.95,L-2,,,',
      'T-3,order,AMS-01,2024-05-03T10:15:00Z,EUR,jacket-1,,,one,129.95,L-3,,,',
      'T-3,order,AMS-01,2024-05-03T10:15:00Z,EUR,socks-9,,,1,4.99,L-3,,,',
      'T-4,sale,AMS-01,2024-05-03T10:15:00Z,EUR,jacket-1,,,1,129.95,,,,',
      'T-5,order,AMS-01,2024-05-03T10:15:00Z,EUR,jacket-1,,,1,129.95,L-5,,,',
      'T-5,order,RTM-02,2024-05-03T10:15:00Z,EUR,socks-9,,,1,4.99,L-5,,,',
      'T-6,order,AMS-01,2024-05-03T10:15:00Z,EUR,jacket-1,1,129.95',
    );
    expect(published.map((event) => event.messageId)).toEqual(['store:AMS-01:T-1:order']);
    expect(result).toMatchObject({ success: false, accepted: 1, transactions: 1, rejectedCount: 7 });
    expect(result.rejected.map(({ line, code, path }) => [line, code, path])).toEqual([
      [3, 'TP_INGEST_VALIDATION_FAILED', 'occurredAt'],
      [4, 'TP_INGEST_VALIDATION_FAILED', 'quantity'],
      [5, 'TP_INGEST_VALIDATION_FAILED', 'transactionId'],
      [6, 'TP_INGEST_VALIDATION_FAILED', 'kind'],
      [7, 'TP_INGEST_VALIDATION_FAILED', 'transactionId'],
      [8, 'TP_INGEST_VALIDATION_FAILED', 'storeId'],
      [9, 'TP_INGEST_MALFORMED_CSV', '(row)'],
    ]);
    expect(result.rejected[2].message).toContain('line 4');
  });

  it('gives a re-uploaded file the same messageIds, so the repeat is dropped', async () => {
    const row = 'T-1,order,AMS-01,2024-05-03T10:15:00Z,EUR,jacket-1,,,1,129.95,L-1,,,';
    const first = await importCsv(HEADER, row);
    const again = await importCsv(HEADER, row);
    expect(again.published[0].messageId).toBe(first.published[0].messageId);
  });

  it('takes columns in any order, optional ones left out, with a BOM and CRLF line ends', async () => {
    const { result, published } = await importCsv('\uFEFFunitPrice,quantity,productId,occurredAt,storeId,kind,transactionId\r', '10,2,cap-1,2024-05-03T10:15:00Z,S1,order,T-9\r');
    expect(result.accepted).toBe(1);
    expect(published[0]).toMatchObject({ anonymousId: 'store:S1:T-9', properties: { total: 20 } });
  });

  it('refuses a file it cannot read as a whole: unknown or missing columns, an unclosed quote, no rows', async () => {
    const header = await failure(importCsv('transactionId,kind,storeId,occuredAt,productId,quantity,unitPrice', 'T-1,order,S1,2024-05-03T10:15:00Z,p,1,1'));
    expect(header.code).toBe('TP_INGEST_MALFORMED_CSV');
    expect(header.details).toEqual(expect.arrayContaining([{ path: 'occurredAt', message: 'missing column' }, { path: 'occuredAt', message: 'unknown column' }]));
    expect((await failure(importCsv(HEADER, 'T-1,order,"AMS-01,2024-05-03T10:15:00Z'))).code).toBe('TP_INGEST_MALFORMED_CSV');
    expect((await failure(importCsv(HEADER))).code).toBe('TP_INGEST_MALFORMED_CSV');
    expect((await failure(importCsv(''))).code).toBe('TP_INGEST_MALFORMED_CSV');
  });

  it('links the email and phone on a receipt row, hashed with the store country, and rejects rows of unknown stores', async () => {
    const { result, published } = await importCsv(
      HEADER,
      'T-1,order,AMS-01,2024-05-03T10:15:00Z,EUR,jacket-1,,,1,129.95,,,Sanne@Example.com,06 12345678',
      'T-2,order,NOWHERE-1,2024-05-03T10:15:00Z,EUR,jacket-1,,,1,129.95,,,,',
      'T-2,order,NOWHERE-1,2024-05-03T10:15:00Z,EUR,socks-9,,,1,4.99,,,,',
    );
    expect(published.map((event) => event.messageId)).toEqual(['store:AMS-01:T-1:order']);
    expect(published[0].context).toMatchObject({ emailHash: testHasher.emailHash('sanne@example.com'), phoneHash: testHasher.phoneHash('+31612345678') });
    expect(JSON.stringify(published[0])).not.toMatch(/sanne|12345678/i);
    expect(result.rejected.map(({ line, code, path }) => [line, code, path])).toEqual([
      [3, 'TP_INGEST_UNKNOWN_STORE', 'storeId'],
      [4, 'TP_INGEST_UNKNOWN_STORE', 'storeId'],
    ]);
  });
});
