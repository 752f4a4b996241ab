import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { APP_KEY, basic, type IngestHarness, POS_KEY, startIngestHarness, WEB_KEY } from '../testing/ingest-harness';

const bodyOf = (response: LightMyRequestResponse): { code?: string; message?: string } => JSON.parse(response.body) as { code?: string; message?: string };

const sale = (transactionId: string) => ({
  transactionId,
  kind: 'order',
  storeId: 'AMS-01',
  occurredAt: '2024-05-03T10:15:00+02:00',
  lines: [{ productId: 'jacket-1', quantity: 1, unitPrice: 129.95 }],
  customer: { loyaltyId: 'L-SCOPE-1' },
});

describe('ingest write keys: each kind posts only what its source sends', () => {
  let ingest: IngestHarness;
  let server: FastifyInstance;

  beforeAll(async () => {
    ingest = await startIngestHarness();
    server = (ingest.app as NestFastifyApplication).getHttpAdapter().getInstance();
  }, 30_000);

  afterAll(async () => {
    await ingest?.stop();
  }, 30_000);

  const post = (url: string, payload: unknown, key: string, contentType = 'application/json') =>
    server.inject({ method: 'POST', url, payload: typeof payload === 'string' ? payload : JSON.stringify(payload), headers: { 'content-type': contentType, authorization: basic(key) } });

  it('refuses store transactions from web and app keys with 403, publishing nothing, and takes them from a pos key', async () => {
    const run = randomUUID().slice(0, 8);
    const refused = [
      await post('/v1/store/transactions', { transactions: [sale(`SCOPE-${run}-web`)] }, WEB_KEY),
      await post('/v1/store/transactions', { transactions: [sale(`SCOPE-${run}-app`)] }, APP_KEY),
      await post('/v1/store/transactions.csv', `transactionId,kind,storeId,occurredAt,productId,quantity,unitPrice\nSCOPE-${run}-csv,order,AMS-01,2024-05-03T10:15:00Z,jacket-1,1,129.95\n`, WEB_KEY, 'text/csv'),
    ];
    expect(refused.map((answer) => [answer.statusCode, bodyOf(answer).code])).toEqual([
      [403, 'TP_INGEST_WRITE_KEY_SCOPE'],
      [403, 'TP_INGEST_WRITE_KEY_SCOPE'],
      [403, 'TP_INGEST_WRITE_KEY_SCOPE'],
    ]);
    expect(bodyOf(refused[0] as LightMyRequestResponse).message).toMatch(/source "web" \(kind web\) may post Segment calls .* only; store transactions .* need a pos write key/);
    expect(bodyOf(refused[1] as LightMyRequestResponse).message).toContain('source "shop-app" (kind app) may post Segment calls');

    const accepted = await post('/v1/store/transactions', { transactions: [sale(`SCOPE-${run}-pos`)] }, POS_KEY);
    expect(accepted.statusCode).toBe(200);
    // Published after the refused ones were answered: once it is read, they would have been too.
    await ingest.landedEvent(`store:AMS-01:SCOPE-${run}-pos:order`);
    expect([...ingest.landed.keys()].filter((id) => id.includes(`SCOPE-${run}`))).toEqual([`store:AMS-01:SCOPE-${run}-pos:order`]);
  });

  it('refuses Segment calls from a pos key with 403 and takes them from web and app keys', async () => {
    const track = (messageId: string) => ({ messageId, anonymousId: 'anon-scope', event: 'Product Viewed' });
    const fromPos = `scope-pos-${randomUUID()}`;
    const refused = await post('/v1/track', track(fromPos), POS_KEY);
    expect([refused.statusCode, bodyOf(refused).code]).toEqual([403, 'TP_INGEST_WRITE_KEY_SCOPE']);
    expect(bodyOf(refused).message).toMatch(/\(kind pos\) may post store transactions .* only; Segment calls .* need a web or app write key/);
    const batch = await post('/v1/batch', { batch: [{ type: 'track', ...track(`scope-pos-${randomUUID()}`) }] }, POS_KEY);
    expect(batch.statusCode).toBe(403);

    const fromWeb = `scope-web-${randomUUID()}`;
    const fromApp = `scope-app-${randomUUID()}`;
    expect((await post('/v1/track', track(fromWeb), WEB_KEY)).statusCode).toBe(200);
    expect((await post('/v1/track', track(fromApp), APP_KEY)).statusCode).toBe(200);
    await ingest.landedEvent(fromWeb);
    await ingest.landedEvent(fromApp);
    expect(ingest.landed.has(fromPos)).toBe(false);
  });

  it('refuses a web call that claims a store sale (its messageId, or a store-channel order) with 403, and the real sale still lands', async () => {
    const run = randomUUID().slice(0, 8);
    const saleId = `store:AMS-01:CLAIM-${run}:order`;
    const claimed = await post('/v1/track', { messageId: saleId, anonymousId: 'anon-claim', event: 'Product Viewed' }, WEB_KEY);
    const faked = await post('/v1/track', { anonymousId: 'anon-claim', event: 'Order Completed', properties: { order_id: `CLAIM-${run}` }, context: { channel: 'store', storeId: 'AMS-01' } }, WEB_KEY);
    expect([claimed.statusCode, bodyOf(claimed).code, faked.statusCode, bodyOf(faked).code]).toEqual([403, 'TP_INGEST_STORE_CLAIM', 403, 'TP_INGEST_STORE_CLAIM']);

    expect((await post('/v1/store/transactions', { transactions: [sale(`CLAIM-${run}`)] }, POS_KEY)).statusCode).toBe(200);
    const landed = await ingest.landedEvent(saleId);
    expect(landed).toMatchObject({ event: 'Order Completed', context: { channel: 'store' } });
  });

  it('still answers an unknown key with 401, whatever the endpoint', async () => {
    for (const url of ['/v1/track', '/v1/store/transactions']) {
      const answer = await post(url, { transactions: [] }, 'not_a_known_key_1');
      expect([url, answer.statusCode, bodyOf(answer).code]).toEqual([url, 401, 'TP_INGEST_UNAUTHORIZED']);
    }
  });
});
