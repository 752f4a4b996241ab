import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyBodyParser } from 'fastify';
import { MAX_CSV_BYTES } from '../validation/payload-limits';

/** CSV uploads reach their controller as text; every other route refuses a string body as invalid. */
export function acceptCsvBodies(app: NestFastifyApplication): void {
  const parser: FastifyBodyParser<Buffer> = (_request, body, done) => done(null, body.toString('utf8'));
  app.useBodyParser(['text/csv', 'application/csv'], { bodyLimit: MAX_CSV_BYTES }, parser);
}
