import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyBodyParser } from 'fastify';

/** A catalog of 10 000 products, as CSV or as JSON, stays well under this. */
export const MAX_CATALOG_BYTES = 8 * 1024 * 1024;

/**
 * Catalog imports are the one large body recommendation takes (its other routes read): JSON is
 * parsed as Fastify parses it (`__proto__` and `constructor` keys refused) and text/csv reaches
 * the controller as text, both up to MAX_CATALOG_BYTES; past it, 413 TP_REQUEST_TOO_LARGE.
 */
export function acceptCatalogBodies(app: NestFastifyApplication): void {
  const json = app.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error');
  const jsonParser: FastifyBodyParser<Buffer> = (request, body, done) => json(request, body.toString('utf8'), done);
  const csvParser: FastifyBodyParser<Buffer> = (_request, body, done) => done(null, body.toString('utf8'));
  app.useBodyParser('application/json', { bodyLimit: MAX_CATALOG_BYTES }, jsonParser);
  app.useBodyParser(['text/csv', 'application/csv'], { bodyLimit: MAX_CATALOG_BYTES }, csvParser);
}
