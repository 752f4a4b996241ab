import 'reflect-metadata';
import { loadServiceConfig, processEnv } from '@touchpoint/config';
import { bootstrapService, runService } from '@touchpoint/service-runtime';
import { RecommendationAppModule } from './app/recommendation-app.module';
import { acceptCsvBodies } from './http/csv-body.parser';

runService(async () => {
  const config = loadServiceConfig('recommendation', processEnv());
  return bootstrapService({ module: RecommendationAppModule.forRoot(config), config, configure: acceptCsvBodies });
}, 'recommendation');
