import 'reflect-metadata';
import { loadServiceConfig, processEnv } from '@touchpoint/config';
import { runService } from '@touchpoint/service-runtime';
import { runMigrations } from './persistence/run-migrations';

/** One-shot: `nx run identity:migrate` before the service starts (a Job or init container in k8s). */
runService(async () => {
  const config = loadServiceConfig('identity', processEnv());
  const ran = await runMigrations(config.database.url);
  process.stdout.write(ran.length ? `identity migrations applied: ${ran.join(', ')}\n` : 'identity migrations: up to date\n');
}, 'identity-migrate');
