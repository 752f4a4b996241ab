import 'reflect-metadata';
import { loadServiceConfig, processEnv } from '@touchpoint/config';
import { runMigrations } from '@touchpoint/persistence';
import { runService } from '@touchpoint/service-runtime';
import { recommendationDataSourceOptions } from './persistence/recommendation-data-source';

/** One-shot: `nx run recommendation:migrate` before the service starts (a Job or init container in k8s). */
runService(async () => {
  const config = loadServiceConfig('recommendation', processEnv());
  const ran = await runMigrations(recommendationDataSourceOptions(config.database.url));
  process.stdout.write(ran.length ? `recommendation migrations applied: ${ran.join(', ')}\n` : 'recommendation migrations: up to date\n');
}, 'recommendation-migrate');
