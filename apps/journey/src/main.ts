import 'reflect-metadata';
import { loadServiceConfig, processEnv } from '@touchpoint/config';
import { bootstrapService, runService } from '@touchpoint/service-runtime';
import { JourneyAppModule } from './app/journey-app.module';

runService(async () => {
  const config = loadServiceConfig('journey', processEnv());
  return bootstrapService({ module: JourneyAppModule.forRoot(config), config });
}, 'journey');
