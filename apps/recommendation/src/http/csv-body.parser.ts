import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyBodyParser } from 'fastify';

/** A catalog of 10 000 products as CSV stays well under this. */
const MAX_CSV_BYTES = 8 * 1024 * 1024;

/** Catalog uploads as text/csv reach their controller as text. */
export function acceptCsvBodies(app: NestFastifyApplication): void {
  const parser: FastifyBodyParser<Buffer> = (_request, body, done) => done(null, body.toString('utf8'));
  app.useBodyParser(['text/csv', 'application/csv'], { bodyLimit: MAX_CSV_BYTES }, parser);
}
