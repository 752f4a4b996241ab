import { HttpException, HttpStatus } from '@nestjs/common';
import { type ErrorCode, ErrorCodes, TouchpointError } from '@touchpoint/contracts';
import { z } from 'zod';
import { fieldIssues } from '../validation/field-issues';
import { MAX_REQUEST_BYTES } from '../validation/payload-limits';

export interface ErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: unknown;
}

export interface ErrorResponse {
  readonly status: number;
  readonly body: ErrorBody;
  readonly headers: Readonly<Record<string, string>>;
}

/** Clients back off this long before retrying a write Kafka did not acknowledge. */
export const RETRY_AFTER_SECONDS = 5;

const headersFor: Partial<Record<ErrorCode, Record<string, string>>> = {
  TP_INGEST_BROKER_UNAVAILABLE: { 'retry-after': String(RETRY_AFTER_SECONDS) },
  // The other request settles within the acknowledgement deadline; by then this one is a plain duplicate or free to go.
  TP_INGEST_DUPLICATE_IN_FLIGHT: { 'retry-after': '1' },
  TP_INGEST_UNAUTHORIZED: { 'www-authenticate': 'Basic realm="touchpoint"' },
};

function respond(code: ErrorCode, message: string, details?: unknown): ErrorResponse {
  return {
    status: ErrorCodes[code].httpStatus ?? HttpStatus.INTERNAL_SERVER_ERROR,
    body: details === undefined ? { code, message } : { code, message, details },
    headers: headersFor[code] ?? {},
  };
}

/** Framework errors we answer in our shape; the others (e.g. readiness's 503) keep their own body. */
const httpCodes: Partial<Record<number, ErrorCode>> = {
  // Raised by Fastify while reading the body, e.g. when it does not match its Content-Length.
  [HttpStatus.BAD_REQUEST]: 'TP_INGEST_MALFORMED_JSON',
  [HttpStatus.NOT_FOUND]: 'TP_HTTP_NOT_FOUND',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'TP_INGEST_PAYLOAD_TOO_LARGE',
};

/** An HttpException with no code of ours, answered with its own status and body. */
export function keepsOwnBody(exception: unknown): exception is HttpException {
  return exception instanceof HttpException && httpCodes[exception.getStatus()] === undefined;
}

/** The JSON error an exception is answered with: bad input always maps to a 4xx code, only the unforeseen is a 500. */
export function errorResponse(exception: unknown): ErrorResponse {
  if (exception instanceof TouchpointError) return respond(exception.code, exception.message, exception.details);
  if (exception instanceof z.ZodError) return respond('TP_INGEST_VALIDATION_FAILED', 'the request does not match its schema', fieldIssues(exception.issues));
  if (exception instanceof HttpException) {
    const code = httpCodes[exception.getStatus()];
    if (code === 'TP_INGEST_PAYLOAD_TOO_LARGE') return respond(code, `request body is over ${MAX_REQUEST_BYTES / 1024} KB`);
    if (code) return respond(code, exception.message);
  }
  return respond('TP_INTERNAL_ERROR', 'internal error');
}
