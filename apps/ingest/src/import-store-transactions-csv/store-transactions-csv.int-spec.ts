import 'reflect-metadata';
import { gzipSync } from 'node:zlib';
import { basic, type IngestHarness, POS_KEY, startIngestHarness } from '../testing/ingest-harness';
import { testHasher } from '../testing/test-personal-data';

const HEADER = 'transactionId,kind,storeId,occurredAt,productId,quantity,unitPrice,loyaltyId';

describe('POST /v1/store/transactions.csv against a real broker', () => {
  let ingest: IngestHarness;

  beforeAll(async () => {
    ingest = await startIngestHarness();
  }, 30_000);

  afterAll(async () => {
    await ingest?.stop();
  }, 30_000);

  const upload = async (csv: string | Buffer, headers: Record<string, string> = {}) => {
    const response = await fetch(`${ingest.baseUrl}/v1/store/transactions.csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: basic(POS_KEY), ...headers },
      body: csv,
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it('publishes the good transactions of an upload and reports the bad rows by line', async () => {
    const csv = [
      HEADER,
      'CSV-1,order,AMS-01,2024-05-03T10:15:00Z,jacket-1,1,129.95,L-CSV-1',
      'CSV-1,order,AMS-01,2024-05-03T10:15:00Z,socks-9,2,4.99,L-CSV-1',
      'CSV-2,order,AMS-01,2024-05-03T10:15:00Z,jacket-1,-1,129.95,L-CSV-2',
    ].join('\n');
    const response = await upload(csv);
    expect(response).toEqual({
      status: 200,
      body: {
        success: false,
        accepted: 2,
        transactions: 1,
        rejected: [{ line: 4, code: 'TP_INGEST_VALIDATION_FAILED', message: 'must be a whole number', path: 'quantity' }],
        rejectedCount: 1,
      },
    });
    const event = await ingest.landedEvent('store:AMS-01:CSV-1:order');
    expect(event).toMatchObject({ context: { loyaltyId: 'L-CSV-1' }, properties: { total: 139.93 } });
    expect(ingest.landed.has('store:AMS-01:CSV-2:order')).toBe(false);
  });

  it('takes a gzipped upload, and refuses one without a write key or with unreadable columns', async () => {
    const csv = `${HEADER}\nCSV-3,order,AMS-01,2024-05-03T10:15:00Z,cap-1,1,19.95,L-CSV-3\n`;
    expect((await upload(gzipSync(csv), { 'content-encoding': 'gzip' })).body).toMatchObject({ success: true, accepted: 1 });
    await ingest.landedEvent('store:AMS-01:CSV-3:order');
    expect((await upload(csv, { authorization: '' })).status).toBe(401);
    const badHeader = await upload('id,when\n1,now\n');
    expect(badHeader).toMatchObject({ status: 400, body: { code: 'TP_INGEST_MALFORMED_CSV' } });
    const json = await fetch(`${ingest.baseUrl}/v1/store/transactions.csv`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basic(POS_KEY) },
      body: '{}',
    });
    expect(json.status).toBe(400);
  });

  it("links a receipt row's email and national phone, and rejects the rows of a store the registry does not know", async () => {
    const csv = [
      'transactionId,kind,storeId,occurredAt,productId,quantity,unitPrice,email,phone',
      'CSV-4,order,AMS-01,2024-05-03T10:15:00Z,jacket-1,1,129.95,Csv.Customer@Example.com,06 12345678',
      'CSV-5,order,NOWHERE-1,2024-05-03T10:15:00Z,jacket-1,1,129.95,,',
    ].join('\n');
    const response = await upload(csv);
    expect(response.body).toMatchObject({ success: false, accepted: 1, rejected: [{ line: 3, code: 'TP_INGEST_UNKNOWN_STORE', path: 'storeId' }] });
    const event = await ingest.landedEvent('store:AMS-01:CSV-4:order');
    expect(event.context).toMatchObject({ emailHash: testHasher.emailHash('csv.customer@example.com'), phoneHash: testHasher.phoneHash('+31612345678') });
    expect(JSON.stringify(event)).not.toMatch(/csv\.customer|12345678/i);
  });
});
