import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TouchpointError } from '@touchpoint/contracts';
import type { FastifyRequest } from 'fastify';
import type { WriteKeys } from '../auth/write-keys';
import { rateLimitBucket } from './rate-limit-key';
import type { RateLimits } from './rate-limits';

const BUCKET = Symbol('rate-limit-bucket');
type CountedRequest = FastifyRequest & { [BUCKET]?: ReturnType<typeof rateLimitBucket> };

/**
 * A per-write-key request budget on every route but the health probes, answered with 429
 * `TP_INGEST_RATE_LIMITED` and Retry-After. It runs as a preHandler, after the body is parsed,
 * so a key sent as `writeKey` in the body is counted as its own too; the count is per process
 * (in memory), so N instances allow N times the budget.
 */
export async function limitRequestRates(app: NestFastifyApplication, writeKeys: WriteKeys, limits: RateLimits): Promise<void> {
  const bucketOf = (request: CountedRequest): ReturnType<typeof rateLimitBucket> => {
    request[BUCKET] ??= rateLimitBucket(writeKeys, request.headers.authorization, request.body, request.ip);
    return request[BUCKET];
  };
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    timeWindow: limits.windowMs,
    max: (request) => (bucketOf(request).kind === 'write-key' ? limits.perWriteKey : limits.perUnknownClient),
    keyGenerator: (request) => bucketOf(request).id,
    allowList: (request) => request.url.startsWith('/health/'),
    // Only the headers a client acts on: Retry-After when refused, nothing on every answer.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': true },
    errorResponseBuilder: (_request, context) =>
      new TouchpointError('TP_INGEST_RATE_LIMITED', `too many requests: at most ${context.max} per ${limits.windowMs} ms; retry after ${context.after}`),
  });
}
