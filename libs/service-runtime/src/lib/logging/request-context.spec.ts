import Fastify from 'fastify';
import { currentLogContext } from './log-context';
import { installRequestContext, requestIdOf } from './request-context';
import { createServiceLogger } from './service-logger';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PROFILE = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const base = (fastify: ReturnType<typeof Fastify>): string => {
  const address = fastify.server.address();
  return typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
};

async function app() {
  const written: string[] = [];
  const logger = await createServiceLogger({ service: 'journey', level: 'debug', format: 'json', destination: { write: (text: string) => void written.push(text) } });
  const fastify = Fastify({ genReqId: requestIdOf });
  installRequestContext(fastify, logger);
  const seen: unknown[] = [];
  fastify.get('/v1/profiles/:id/journey', async () => ({ ...currentLogContext() }));
  fastify.post('/v1/profiles/:profileId/notes', async (request) => {
    // After the body was read: the handler runs from the stream's end event.
    await new Promise((resolve) => setTimeout(resolve, 5));
    seen.push({ ...currentLogContext() });
    logger.log(`note of ${String((request.body as { email: string }).email)}`, 'Notes');
    return { ok: true };
  });
  const lines = () => written.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  // Over a real socket, not inject(): the body arrives in socket events, where async context is easily lost.
  await fastify.listen({ host: '127.0.0.1', port: 0 });
  const post = (path: string, headers: Record<string, string>, body: unknown) =>
    fetch(`${base(fastify)}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { fastify, seen, lines, post };
}

describe('request log context', () => {
  it("carries the caller's trace, the request id and the profile into the handler and its lines, past the body", async () => {
    const { fastify, seen, lines, post } = await app();
    const answer = await post(`/v1/profiles/${PROFILE}/notes?email=sanne%40example.com`, { traceparent: `00-${TRACE}-00f067aa0ba902b7-01`, 'x-request-id': 'req-abc.1' }, { email: 'sanne@example.com', pad: 'x'.repeat(300_000) });
    expect(answer.status).toBe(200);
    expect(seen).toEqual([{ reqId: 'req-abc.1', traceId: TRACE, profileId: PROFILE }]);
    const [handled, access] = lines();
    expect(handled).toMatchObject({ context: 'Notes', msg: 'note of [email]', reqId: 'req-abc.1', traceId: TRACE, profileId: PROFILE });
    expect(access).toMatchObject({ level: 'debug', context: 'Http', method: 'POST', route: '/v1/profiles/:profileId/notes', status: 200, reqId: 'req-abc.1', traceId: TRACE });
    expect(typeof access['durationMs']).toBe('number');
    expect(JSON.stringify(lines())).not.toContain('example.com');
    expect(await (await fetch(`${base(fastify)}/v1/profiles/${PROFILE}/journey`)).json()).toMatchObject({ profileId: PROFILE });
    await fastify.close();
  });

  it('starts a trace and a request id of its own when the caller gives none or a malformed one', async () => {
    const { fastify, seen, post } = await app();
    const attempts: Record<string, string>[] = [{}, { traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, 'x-request-id': 'has space' }];
    for (const headers of attempts) {
      expect((await post('/v1/profiles/not-a-uuid/notes', headers, { email: 'x' })).status).toBe(200);
    }
    const contexts = seen as { reqId: string; traceId: string; profileId?: string }[];
    expect(contexts).toHaveLength(2);
    for (const context of contexts) {
      expect(context.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(context.traceId).not.toBe('0'.repeat(32));
      expect(context.reqId).toMatch(/^[0-9a-f-]{36}$/);
      expect(context.profileId).toBeUndefined();
    }
    expect(contexts[0].traceId).not.toBe(contexts[1].traceId);
    await fastify.close();
  });
});
