import { NotFoundException, PayloadTooLargeException, ServiceUnavailableException } from '@nestjs/common';
import { TouchpointError } from '@touchpoint/contracts';
import { z } from 'zod';
import { errorResponse, keepsOwnBody } from './error-response';

describe('errorResponse', () => {
  it('answers a TouchpointError with the status of its code, message and details', () => {
    const details = [{ path: 'batch.3.event', message: 'required' }];
    expect(errorResponse(new TouchpointError('TP_INGEST_VALIDATION_FAILED', 'invalid batch.3.event', details))).toEqual({
      status: 400,
      body: { code: 'TP_INGEST_VALIDATION_FAILED', message: 'invalid batch.3.event', details },
      headers: {},
    });
  });

  it('tells clients when to retry a write Kafka did not acknowledge, and how to authenticate', () => {
    const unavailable = errorResponse(new TouchpointError('TP_INGEST_BROKER_UNAVAILABLE', 'down'));
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers).toEqual({ 'retry-after': '5' });
    const unauthorized = errorResponse(new TouchpointError('TP_INGEST_UNAUTHORIZED', 'unknown write key'));
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers['www-authenticate']).toMatch(/^Basic /);
  });

  it('answers a stray zod error as a validation failure with field paths', () => {
    const parsed = z.object({ batch: z.array(z.object({ event: z.string() })) }).safeParse({ batch: [{}] });
    if (parsed.success) throw new Error('expected a failure');
    const response = errorResponse(parsed.error);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('TP_INGEST_VALIDATION_FAILED');
    expect(response.body.details).toEqual([expect.objectContaining({ path: 'batch.0.event' })]);
  });

  it("maps Fastify's body limit and unknown routes to our codes", () => {
    expect(errorResponse(new PayloadTooLargeException()).body.code).toBe('TP_INGEST_PAYLOAD_TOO_LARGE');
    expect(errorResponse(new PayloadTooLargeException()).status).toBe(413);
    expect(errorResponse(new NotFoundException('Cannot POST /v1/nope')).body).toEqual({ code: 'TP_HTTP_NOT_FOUND', message: 'Cannot POST /v1/nope' });
  });

  it('keeps the body of other HTTP exceptions, such as the readiness report', () => {
    expect(keepsOwnBody(new ServiceUnavailableException({ status: 'error' }))).toBe(true);
    expect(keepsOwnBody(new NotFoundException())).toBe(false);
    expect(keepsOwnBody(new TouchpointError('TP_INGEST_UNAUTHORIZED', 'x'))).toBe(false);
  });

  it('answers anything unforeseen as a 500 without leaking its message', () => {
    const response = errorResponse(new Error('password=hunter2'));
    expect(response).toEqual({ status: 500, body: { code: 'TP_INTERNAL_ERROR', message: 'internal error' }, headers: {} });
  });
});
