import { ErrorCodes } from '@touchpoint/contracts';
import type { FastifyInstance } from 'fastify';

/** Paths that keep answering while an instance drains: liveness (it is alive) and metrics. */
const ALWAYS_SERVED = new Set(['/health/live', '/metrics']);

/**
 * Intake stop for SIGTERM. Once `close()` is called, every new request except liveness and
 * metrics gets 503 with Retry-After and TP_SERVICE_SHUTTING_DOWN (readiness included, so a
 * load balancer stops sending), while requests already in flight run to their end and close
 * their connection.
 */
export class ShutdownGate {
  private closed = false;

  constructor(private readonly retryAfterSeconds: number) {}

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
  }

  install(fastify: FastifyInstance): void {
    // Requests in flight when the gate closes end their keep-alive connection, or an idle
    // client connection would hold the server open until the grace period runs out.
    fastify.addHook('onSend', (_request, reply, payload, done) => {
      if (this.closed) void reply.header('connection', 'close');
      done(null, payload);
    });
    fastify.addHook('onRequest', (request, reply, done) => {
      if (!this.closed || ALWAYS_SERVED.has(request.url.split('?')[0])) {
        done();
        return;
      }
      // The reply is complete here; fastify needs no further callback.
      void reply
        .status(ErrorCodes.TP_SERVICE_SHUTTING_DOWN.httpStatus)
        .header('retry-after', String(this.retryAfterSeconds))
        .header('connection', 'close')
        .send({ code: 'TP_SERVICE_SHUTTING_DOWN', message: 'this instance is shutting down; retry after the Retry-After header' });
    });
  }
}
