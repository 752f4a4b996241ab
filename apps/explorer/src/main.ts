import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadLogSettings, processEnv } from '@touchpoint/config';
import { createServiceLogger, DEFAULT_BODY_LIMIT_BYTES, installRequestContext, requestIdOf, runService } from '@touchpoint/service-runtime';
import { ExplorerAppModule } from './app/explorer-app.module';
import { loadExplorerConfig } from './config/explorer.config';

// Not bootstrapService: that one is typed to the four services' configuration, which the explorer does not have.
runService(async () => {
  const env = processEnv();
  const config = loadExplorerConfig(env);
  const logger = await createServiceLogger({ service: 'explorer', ...loadLogSettings(env) });
  const app = await NestFactory.create<NestFastifyApplication>(ExplorerAppModule.forRoot(config), new FastifyAdapter({ genReqId: requestIdOf, bodyLimit: DEFAULT_BODY_LIMIT_BYTES }), { logger, bufferLogs: true });
  installRequestContext(app.getHttpAdapter().getInstance(), logger);
  app.enableShutdownHooks();
  await app.listen(config.http.port, config.http.host);
  logger.log(`explorer listening on http://${config.http.host}:${config.http.port}`, 'Bootstrap');
}, 'explorer');
