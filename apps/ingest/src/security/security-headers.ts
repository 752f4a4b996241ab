import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Headers that keep a browser from doing anything with ingest's answers but read them: JSON
 * only, never framed, never sniffed as HTML, no referrer. Cross-origin reads stay possible
 * (`cross-origin` resource policy) because browser SDKs post from the shop's own origin.
 */
export async function sendSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
