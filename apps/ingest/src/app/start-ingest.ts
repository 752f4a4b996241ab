import type { INestApplication } from '@nestjs/common';
import type { ServiceConfig } from '@touchpoint/config';
import { bootstrapService } from '@touchpoint/service-runtime';
import { acceptCsvBodies } from '../http/csv-body.parser';
import { acceptJsonBodies } from '../http/json-body.parser';
import { acceptEncodedBodies } from '../http/request-body-encoding';
import { MAX_REQUEST_BYTES } from '../validation/payload-limits';
import { AppModule } from './app.module';

/** Starts ingest listening on config.http; used by main.ts and the integration spec alike. */
export function startIngest(config: ServiceConfig): Promise<INestApplication> {
  return bootstrapService({
    module: AppModule.forRoot(config),
    config,
    fastify: { bodyLimit: MAX_REQUEST_BYTES },
    configure: (app) => {
      acceptEncodedBodies(app);
      acceptJsonBodies(app);
      acceptCsvBodies(app);
    },
  });
}
