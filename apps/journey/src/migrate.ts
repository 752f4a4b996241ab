import 'reflect-metadata';
import { loadServiceConfig, processEnv } from '@touchpoint/config';
import { runMigrations } from '@touchpoint/persistence';
import { runService } from '@touchpoint/service-runtime';
import { journeyDataSourceOptions } from './persistence/journey-data-source';

/** One-shot: `nx run journey:migrate` before the service starts (a Job or init container in k8s). */
runService(async () => {
  const config = loadServiceConfig('journey', processEnv());
  const ran = await runMigrations(journeyDataSourceOptions(config.database.url));
  process.stdout.write(ran.length ? `journey migrations applied: ${ran.join(', ')}\n` : 'journey migrations: up to date\n');
}, 'journey-migrate');
