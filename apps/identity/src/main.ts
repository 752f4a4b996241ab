import 'reflect-metadata';
import { loadServiceConfig, processEnv } from '@touchpoint/config';
import { bootstrapService, runService } from '@touchpoint/service-runtime';
import { AppModule } from './app/app.module';

runService(async () => {
  const config = loadServiceConfig('identity', processEnv());
  return bootstrapService({ module: AppModule.forRoot(config), config });
}, 'identity');
