import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TouchpointError } from '@touchpoint/contracts';
import type { FastifyBodyParser } from 'fastify';
import { MAX_REQUEST_BYTES } from '../validation/payload-limits';

/** Keys that could rewrite an object's prototype when a body is later merged into another object. */
function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__' || (key === 'constructor' && typeof value === 'object' && value !== null && 'prototype' in value)) {
    throw new SyntaxError(`"${key}" is not allowed as a key`);
  }
  return value;
}

/** A request body as JSON, or TP_INGEST_MALFORMED_JSON. */
export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') throw new TouchpointError('TP_INGEST_MALFORMED_JSON', 'request body is empty');
  try {
    // A reviver makes JSON.parse several times slower; only a body that spells "proto" (or
    // could, through a \u escape) can carry __proto__ or constructor.prototype.
    return /proto|\\u/.test(text) ? JSON.parse(text, refusePrototypeKeys) : JSON.parse(text);
  } catch (error) {
    throw new TouchpointError('TP_INGEST_MALFORMED_JSON', `request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Every body is read as JSON, whatever its Content-Type: browsers send Segment calls as
 * text/plain to skip the CORS preflight, and curl users forget the header. Parse errors
 * become our stable code instead of Fastify's.
 */
export function acceptJsonBodies(app: NestFastifyApplication): void {
  const parser: FastifyBodyParser<Buffer> = (_request, body, done) => {
    try {
      done(null, parseJsonBody(body));
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
  };
  app.useBodyParser(['application/json', 'text/plain'], { bodyLimit: MAX_REQUEST_BYTES }, parser);
  app.useBodyParser('*', { bodyLimit: MAX_REQUEST_BYTES }, parser);
}
