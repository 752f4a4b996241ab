import type { INestApplication } from '@nestjs/common';
import type { ServiceConfig } from '@touchpoint/config';
import { bootstrapService } from '@touchpoint/service-runtime';
import { WriteKeys } from '../auth/write-keys';
import { acceptCsvBodies } from '../http/csv-body.parser';
import { acceptJsonBodies } from '../http/json-body.parser';
import { acceptEncodedBodies } from '../http/request-body-encoding';
import { limitRequestRates } from '../security/rate-limit';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../security/rate-limits';
import { sendSecurityHeaders } from '../security/security-headers';
import { MAX_REQUEST_BYTES } from '../validation/payload-limits';
import { AppModule } from './app.module';

export interface IngestOptions {
  /** Request budgets; specs lower them to reach the limit quickly. */
  readonly rateLimits?: RateLimits;
}

/** Starts ingest listening on config.http; used by main.ts and the integration spec alike. */
export function startIngest(config: ServiceConfig, options: IngestOptions = {}): Promise<INestApplication> {
  return bootstrapService({
    module: AppModule.forRoot(config),
    config,
    fastify: { bodyLimit: MAX_REQUEST_BYTES },
    configure: async (app) => {
      // Plugins first: they hook every route as it is declared.
      await sendSecurityHeaders(app);
      await limitRequestRates(app, new WriteKeys(config.ingest.writeKeys), options.rateLimits ?? DEFAULT_RATE_LIMITS);
      acceptEncodedBodies(app);
      acceptJsonBodies(app);
      acceptCsvBodies(app);
    },
  });
}
