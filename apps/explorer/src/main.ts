import 'reflect-metadata';
import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { processEnv } from '@touchpoint/config';
import { runService } from '@touchpoint/service-runtime';
import { ExplorerAppModule } from './app/explorer-app.module';
import { type ExplorerConfig, loadExplorerConfig } from './config/explorer.config';

const nestLevels: Record<ExplorerConfig['logLevel'], LogLevel[]> = {
  trace: ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'],
  debug: ['debug', 'log', 'warn', 'error', 'fatal'],
  info: ['log', 'warn', 'error', 'fatal'],
  warn: ['warn', 'error', 'fatal'],
  error: ['error', 'fatal'],
  fatal: ['fatal'],
  silent: [],
};

// Not bootstrapService: that one is typed to the four services' configuration, which the explorer does not have.
runService(async () => {
  const config = loadExplorerConfig(processEnv());
  const logger = new ConsoleLogger({ prefix: 'explorer', logLevels: nestLevels[config.logLevel] });
  const app = await NestFactory.create<NestFastifyApplication>(ExplorerAppModule.forRoot(config), new FastifyAdapter(), { logger, bufferLogs: true });
  app.enableShutdownHooks();
  await app.listen(config.http.port, config.http.host);
  logger.log(`explorer listening on http://${config.http.host}:${config.http.port}`, 'Bootstrap');
}, 'explorer');
