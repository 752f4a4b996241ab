import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type LogContext, runInLogContext } from './log-context';
import type { ServiceLogger } from './service-logger';
import { newTraceId, traceIdOf } from './trace-context';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Fastify's `genReqId`: a caller's `x-request-id` when it is a plain token, else a new UUID (unique across instances). */
export function requestIdOf(request: { readonly headers: Readonly<Record<string, string | string[] | undefined>> }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Every request runs in a log context with its request id and trace (the caller's W3C
 * `traceparent`, or a new trace), which the publisher passes on to Kafka; a profile id in the
 * route (a UUID) is added. Each finished request is one debug line (warn from 500 up) with method,
 * route pattern (never the URL: a query string can hold an email), status and duration.
 */
export function installRequestContext(fastify: FastifyInstance, logger: ServiceLogger): void {
  const contexts = new WeakMap<FastifyRequest, LogContext>();
  fastify.addHook('onRequest', (request, _reply, done) => {
    const params = request.params as Record<string, unknown> | undefined;
    // `/v1/profiles/:id/...` in journey and recommendation, `:profileId` elsewhere.
    const profileId = params?.['profileId'] ?? (request.routeOptions.url?.includes('/profiles/:id') ? params?.['id'] : undefined);
    const context: LogContext = {
      reqId: request.id,
      traceId: traceIdOf(headerValue(request, 'traceparent')) ?? newTraceId(),
      ...(typeof profileId === 'string' && UUID.test(profileId) ? { profileId } : {}),
    };
    contexts.set(request, context);
    runInLogContext(context, done);
  });
  // Body parsing reads stream events (ingest's inflating parsers too), which need not keep the context: enter it again.
  fastify.addHook('preValidation', (request, _reply, done) => {
    const context = contexts.get(request);
    if (context) runInLogContext(context, done);
    else done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'warn' : 'debug';
    if (logger.isEnabled(level)) {
      const route = request.routeOptions.url ?? '(no route)';
      logger.line(
        level,
        { ...contexts.get(request), method: request.method, route, status, durationMs: Math.round(reply.elapsedTime * 10) / 10 },
        `${request.method} ${route} ${status}`,
        'Http',
      );
    }
    done();
  });
}
