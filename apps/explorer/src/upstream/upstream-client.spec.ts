import { z } from 'zod';
import { freePort } from '@touchpoint/kafka-testing';
import { type FakeService, startFakeService } from '../testing/fake-service';
import { UpstreamClient } from './upstream-client';

const answer = z.object({ profileId: z.string() });

describe('UpstreamClient', () => {
  let service: FakeService;
  const client = new UpstreamClient(2_000);

  beforeAll(async () => {
    service = await startFakeService((request) => {
      if (request.url === '/ok') return { status: 200, body: { profileId: 'p-1', extra: true } };
      if (request.url === '/denied') return { status: 401, body: { code: 'TP_READ_UNAUTHORIZED', message: 'send Authorization: Bearer <read token>' } };
      if (request.url === '/retired') return { status: 308, body: { code: 'TP_PROFILE_RETIRED', message: 'merged' }, headers: { location: '/ok' } };
      if (request.url === '/odd') return { status: 200, body: { profileId: 7 } };
      return { status: 404, body: { code: 'TP_HTTP_NOT_FOUND', message: 'no route' } };
    });
  });
  afterAll(() => service.close());

  it('forwards the token and keeps only a valid answer', async () => {
    await expect(client.call(`${service.url}/ok`, answer, { token: 'read-token-0123456789' })).resolves.toEqual({ ok: true, value: { profileId: 'p-1' } });
    expect(service.requests.at(-1)?.authorization).toBe('Bearer read-token-0123456789');
    await client.call(`${service.url}/ok`, answer, { token: null });
    expect(service.requests.at(-1)?.authorization).toBeUndefined();
  });

  it("passes the service's stable error code on, and does not follow a merged profile's redirect", async () => {
    await expect(client.call(`${service.url}/denied`, answer, { token: null })).resolves.toMatchObject({ ok: false, status: 401, code: 'TP_READ_UNAUTHORIZED' });
    await expect(client.call(`${service.url}/retired`, answer, { token: null })).resolves.toMatchObject({ ok: false, status: 308, code: 'TP_PROFILE_RETIRED' });
    await expect(client.call(`${service.url}/missing`, answer, { token: null })).resolves.toMatchObject({ ok: false, status: 404, code: 'TP_HTTP_NOT_FOUND' });
  });

  it('refuses an answer of the wrong shape, and says so when nothing answers', async () => {
    await expect(client.call(`${service.url}/odd`, answer, { token: null })).resolves.toMatchObject({ ok: false, status: 200, code: null });
    const closed = await freePort();
    await expect(client.call(`http://127.0.0.1:${closed}/ok`, answer, { token: null })).resolves.toMatchObject({ ok: false, status: null, code: null });
  });
});
