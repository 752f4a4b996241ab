import 'reflect-metadata';
import { loadServiceConfig, processEnv } from '@touchpoint/config';
import { bootstrapService, runService } from '@touchpoint/service-runtime';
import { RecommendationAppModule } from './app/recommendation-app.module';

runService(async () => {
  const config = loadServiceConfig('recommendation', processEnv());
  return bootstrapService({ module: RecommendationAppModule.forRoot(config), config });
}, 'recommendation');
