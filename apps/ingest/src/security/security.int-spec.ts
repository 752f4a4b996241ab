import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { APP_KEY, basic, type IngestHarness, POS_KEY, startIngestHarness, WEB_KEY } from '../testing/ingest-harness';

const SEGMENT_ROUTES = ['/v1/track', '/v1/identify', '/v1/page', '/v1/screen', '/v1/group', '/v1/alias', '/v1/batch', '/v1/import'];
const LIMITS = { perWriteKey: 5, perUnknownClient: 3, windowMs: 60_000 };

const serverOf = (harness: IngestHarness): FastifyInstance => (harness.app as NestFastifyApplication).getHttpAdapter().getInstance();
const codeOf = (response: LightMyRequestResponse): unknown => (JSON.parse(response.body) as { code?: unknown }).code;

function track(anonymousId: string, messageId = randomUUID()): string {
  return JSON.stringify({ messageId, anonymousId, event: 'Product Viewed', properties: { product_id: 'p-1' } });
}

describe('ingest security: headers, request rates, key rotation', () => {
  let ingest: IngestHarness;
  let server: FastifyInstance;

  beforeAll(async () => {
    ingest = await startIngestHarness({ ingest: { rateLimits: LIMITS } });
    server = serverOf(ingest);
  }, 30_000);

  afterAll(async () => {
    await ingest?.stop();
  }, 30_000);

  const post = (url: string, payload: string, authorization?: string, remoteAddress = '10.1.0.1') =>
    server.inject({ method: 'POST', url, payload, remoteAddress, headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) } });

  it('sends security headers on accepted calls, errors and probes alike', async () => {
    const answers = [
      await post('/v1/track', track('anon-headers'), basic(APP_KEY), '10.1.0.2'),
      await post('/v1/track', '{', basic(APP_KEY), '10.1.0.2'),
      await server.inject({ method: 'GET', url: '/health/live' }),
      await server.inject({ method: 'GET', url: '/nowhere' }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 400, 200, 404]);
    for (const answer of answers) {
      expect(answer.headers).toEqual(
        expect.objectContaining({
          'content-security-policy': "default-src 'none';frame-ancestors 'none'",
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'SAMEORIGIN',
          'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
          'referrer-policy': 'no-referrer',
        }),
      );
      expect(answer.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('refuses a write key past its budget with 429 and Retry-After, publishing nothing, while other keys go on', async () => {
    const anonymousId = `anon-${randomUUID()}`;
    const statuses: number[] = [];
    // Header and body keys share one budget.
    for (let i = 0; i < LIMITS.perWriteKey; i += 1) {
      const body = i % 2 === 0 ? track(anonymousId) : JSON.stringify({ ...JSON.parse(track(anonymousId)), writeKey: WEB_KEY });
      statuses.push((await post('/v1/track', body, i % 2 === 0 ? basic(WEB_KEY) : undefined, `10.2.0.${i}`)).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const refusedId = randomUUID();
    const refused = await post('/v1/track', track(anonymousId, refusedId), basic(WEB_KEY), '10.2.0.99');
    expect(refused.statusCode).toBe(429);
    expect(codeOf(refused)).toBe('TP_INGEST_RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(LIMITS.windowMs / 1000);
    expect(refused.headers['x-ratelimit-remaining']).toBeUndefined();
    expect((await post('/v1/batch', JSON.stringify({ batch: [{ type: 'track', ...JSON.parse(track(anonymousId)) }] }), basic(WEB_KEY))).statusCode).toBe(429);

    // The other source's key has its own budget; its event, on the same key and so the same partition, comes after.
    const markerId = randomUUID();
    expect((await post('/v1/track', track(anonymousId, markerId), basic(APP_KEY), '10.2.0.99')).statusCode).toBe(200);
    await ingest.landedEvent(markerId);
    expect(ingest.landed.has(refusedId)).toBe(false);
    expect((await server.inject({ method: 'GET', url: '/health/live', remoteAddress: '10.2.0.99' })).statusCode).toBe(200);
  });

  it('limits requests without a known key per client address, so keys cannot be guessed at speed', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.perUnknownClient + 2; i += 1) statuses.push((await post('/v1/track', track('anon-guess'), basic(`guess_${i}_key`), '10.3.0.1')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect((await post('/v1/track', track('anon-guess'), basic('guess_x_key'), '10.3.0.2')).statusCode).toBe(401);
    expect((await post('/v1/track', track('anon-guess'), basic(APP_KEY), '10.3.0.1')).statusCode).toBe(200);
  });

  it('refuses an oversized body on every endpoint with 413 TP_INGEST_PAYLOAD_TOO_LARGE', async () => {
    const big = JSON.stringify({ batch: [], filler: 'x'.repeat(600 * 1024) });
    for (const url of [...SEGMENT_ROUTES, '/v1/store/transactions', '/nowhere']) {
      const answer = await post(url, big, basic(POS_KEY), '10.4.0.1');
      expect([url, answer.statusCode, codeOf(answer)]).toEqual([url, 413, 'TP_INGEST_PAYLOAD_TOO_LARGE']);
    }
    const csv = await server.inject({
      method: 'POST',
      url: '/v1/store/transactions.csv',
      payload: `transactionId,kind\n${'T,order\n'.repeat(800_000)}`,
      remoteAddress: '10.4.0.2',
      headers: { 'content-type': 'text/csv', authorization: basic(POS_KEY) },
    });
    expect([csv.statusCode, codeOf(csv)]).toEqual([413, 'TP_INGEST_PAYLOAD_TOO_LARGE']);
  });
});

describe('ingest write keys: rotated without downtime', () => {
  it('accepts the old and the new key of a source side by side, and only the new one once the old is removed', async () => {
    const both = await startIngestHarness({ env: { INGEST_WRITE_KEYS: 'web:web_key_old_1,web:web_key_new_1' }, readRaw: false });
    try {
      for (const key of ['web_key_old_1', 'web_key_new_1']) {
        const answer = await serverOf(both).inject({ method: 'POST', url: '/v1/track', payload: track('anon-rotate'), headers: { 'content-type': 'application/json', authorization: basic(key) } });
        expect([key, answer.statusCode]).toEqual([key, 200]);
      }
    } finally {
      await both.stop();
    }
    const rotated = await startIngestHarness({ env: { INGEST_WRITE_KEYS: 'web:web_key_new_1' }, readRaw: false });
    try {
      const send = (key: string) => serverOf(rotated).inject({ method: 'POST', url: '/v1/track', payload: track('anon-rotate'), headers: { 'content-type': 'application/json', authorization: basic(key) } });
      expect((await send('web_key_new_1')).statusCode).toBe(200);
      const old = await send('web_key_old_1');
      expect([old.statusCode, codeOf(old)]).toEqual([401, 'TP_INGEST_UNAUTHORIZED']);
    } finally {
      await rotated.stop();
    }
  }, 60_000);
});
