import 'reflect-metadata';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { basic, type IngestHarness, POS_KEY, startIngestHarness, WEB_KEY } from '../testing/ingest-harness';

const SEGMENT_ROUTES = ['/v1/track', '/v1/identify', '/v1/page', '/v1/screen', '/v1/group', '/v1/alias', '/v1/batch', '/v1/import'];
const ROUTES = [...SEGMENT_ROUTES, '/v1/store/transactions', '/v1/store/transactions.csv'];

const validMessage = {
  messageId: 'fuzz-seed',
  anonymousId: 'anon-fuzz',
  userId: 'user-fuzz',
  previousId: 'anon-fuzz-old',
  groupId: 'group-fuzz',
  event: 'Product Viewed',
  name: 'Jackets',
  properties: { product_id: 'jacket-1', price: 129.95 },
  traits: { loyaltyId: 'L-FUZZ' },
  context: { channel: 'web' },
  timestamp: '2024-05-01T12:00:00.000Z',
  sentAt: '2024-05-01T12:00:01.000Z',
};
const validTransaction = {
  transactionId: 'FUZZ-T-1',
  kind: 'order',
  storeId: 'AMS-01',
  occurredAt: '2024-05-03T10:15:00+02:00',
  lines: [{ productId: 'jacket-1', quantity: 1, unitPrice: 129.95 }],
  customer: { loyaltyId: 'L-FUZZ' },
};
const validCsv = 'transactionId,kind,storeId,occurredAt,productId,quantity,unitPrice\nFUZZ-C-1,order,AMS-01,2024-05-03T10:15:00Z,jacket-1,1,129.95\n';

function validBody(route: string): unknown {
  if (route === '/v1/batch' || route === '/v1/import') return { batch: [{ type: 'track', ...validMessage }, { type: 'identify', ...validMessage }] };
  if (route === '/v1/store/transactions') return { transactions: [validTransaction] };
  return validMessage;
}

/** Replaces or deletes the value at a random path of a valid body. */
function mutate(body: unknown, path: readonly number[], replacement: unknown, remove: boolean): unknown {
  if (body === null || typeof body !== 'object') return replacement;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(body) ? [...(body as unknown[])] : { ...(body as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length === 0 || path.length === 0) return replacement;
  const key = keys[path[0] % keys.length];
  const target = copy as Record<string, unknown>;
  if (remove && path.length === 1) delete target[key];
  else target[key] = mutate(target[key], path.slice(1), replacement, remove);
  return copy;
}

describe('ingest under fuzzing: 200 or a 4xx with a TP_ code, never a 5xx', () => {
  let ingest: IngestHarness;
  let server: FastifyInstance;

  beforeAll(async () => {
    ingest = await startIngestHarness({ readRaw: false });
    server = (ingest.app as NestFastifyApplication).getHttpAdapter().getInstance();
  }, 30_000);

  afterAll(async () => {
    await ingest?.stop();
  }, 30_000);

  async function expectHandled(route: string, payload: string | Buffer, headers: Record<string, string>): Promise<void> {
    const key = route.startsWith('/v1/store') ? POS_KEY : WEB_KEY;
    const response = await server.inject({ method: 'POST', url: route, payload, headers: { authorization: basic(key), ...headers } });
    const context = `${route} ${JSON.stringify(headers)} -> ${response.statusCode} ${response.body.slice(0, 300)}`;
    expect([context, response.statusCode < 500]).toEqual([context, true]);
    if (response.statusCode !== 200) {
      const body: unknown = JSON.parse(response.body);
      expect([context, typeof body === 'object' && body !== null && 'code' in body && /^TP_[A-Z_]+$/.test(String(body.code))]).toEqual([context, true]);
    }
  }

  const route = fc.constantFrom(...ROUTES);
  const contentType = fc.constantFrom('application/json', 'text/plain', 'text/csv', 'application/octet-stream', 'multipart/form-data; boundary=x');

  it('accepts the unmutated seeds, so mutations start from payloads that reach the broker', async () => {
    for (const to of ROUTES) {
      const csv = to.endsWith('.csv');
      const response = await server.inject({
        method: 'POST',
        url: to,
        payload: csv ? validCsv : JSON.stringify(validBody(to)),
        headers: { authorization: basic(to.startsWith('/v1/store') ? POS_KEY : WEB_KEY), 'content-type': csv ? 'text/csv' : 'application/json' },
      });
      expect([to, response.statusCode]).toEqual([to, 200]);
    }
  });

  it('answers arbitrary JSON', async () => {
    await fc.assert(
      fc.asyncProperty(route, fc.jsonValue({ maxDepth: 4 }), fc.constantFrom('application/json', 'text/plain'), async (to, value, type) => {
        await expectHandled(to, JSON.stringify(value) ?? 'null', { 'content-type': type });
      }),
      { numRuns: 150 },
    );
  });

  it('answers random bytes, raw or gzipped, under any content type', async () => {
    await fc.assert(
      fc.asyncProperty(route, fc.uint8Array({ maxLength: 2_048 }), contentType, fc.constantFrom('', 'gzip', 'fake-gzip', 'deflate', 'br'), async (to, bytes, type, encoding) => {
        const raw = Buffer.from(bytes);
        const payload = encoding === 'gzip' ? gzipSync(raw) : raw;
        const headers: Record<string, string> = { 'content-type': type };
        if (encoding) headers['content-encoding'] = encoding === 'fake-gzip' ? 'gzip' : encoding;
        await expectHandled(to, payload, headers);
      }),
      { numRuns: 150 },
    );
  });

  it('answers valid payloads with one field replaced or removed', async () => {
    const replacement = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string(), fc.constant(''), fc.constant(null), fc.integer(), fc.constant('x'.repeat(40_000)));
    await fc.assert(
      fc.asyncProperty(
        route.filter((to) => !to.endsWith('.csv')),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        replacement,
        fc.boolean(),
        async (to, path, value, remove) => {
          const body = mutate(validBody(to), path, value, remove);
          await expectHandled(to, JSON.stringify(body) ?? 'null', { 'content-type': 'application/json' });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers CSV uploads with random edits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: validCsv.length }), fc.nat({ max: 20 }), fc.string({ unit: 'binary', maxLength: 40 }), async (at, cut, insert) => {
        const csv = validCsv.slice(0, at) + insert + validCsv.slice(Math.min(validCsv.length, at + cut));
        await expectHandled('/v1/store/transactions.csv', csv, { 'content-type': 'text/csv' });
      }),
      { numRuns: 200 },
    );
  });
});
