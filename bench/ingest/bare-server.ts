/**
 * The yardstick beside ingest: a bare Fastify server, in its own process, that reads the same
 * batches as JSON and answers as ingest does, and does nothing else. What separates its
 * figures from ingest's is what ingest does per event (validation, normalization, the Redis
 * claim, the Kafka write). Listens on BENCH_BARE_PORT.
 */
import Fastify from 'fastify';

async function main(): Promise<void> {
  const port = Number(process.env['BENCH_BARE_PORT']);
  const server = Fastify({ bodyLimit: 500 * 1024 });
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(String(body)) as unknown);
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
  });
  server.get('/health/ready', async () => ({ status: 'ok' }));
  server.post('/v1/batch', async (request) => {
    const body = request.body as { batch?: unknown };
    if (!Array.isArray(body.batch)) throw new Error('no batch');
    return { success: true };
  });
  const close = (): void => void server.close().finally(() => process.exit(0));
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
  await server.listen({ port, host: '127.0.0.1' });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
