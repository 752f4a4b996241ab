import 'reflect-metadata';
import { loadServiceConfig, processEnv } from '@touchpoint/config';
import { bootstrapService, runService } from '@touchpoint/service-runtime';
import { RecommendationAppModule } from './app/recommendation-app.module';
import { acceptCatalogBodies } from './http/catalog-body.parser';

runService(async () => {
  const config = loadServiceConfig('recommendation', processEnv());
  return bootstrapService({ module: RecommendationAppModule.forRoot(config), config, configure: acceptCatalogBodies });
}, 'recommendation');
