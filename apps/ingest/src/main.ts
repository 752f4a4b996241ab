import 'reflect-metadata';
import { loadServiceConfig, processEnv } from '@touchpoint/config';
import { runService } from '@touchpoint/service-runtime';
import { startIngest } from './app/start-ingest';

runService(() => startIngest(loadServiceConfig('ingest', processEnv())), 'ingest');
