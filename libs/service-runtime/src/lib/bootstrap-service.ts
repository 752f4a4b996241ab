import 'reflect-metadata';
import { type DynamicModule, type INestApplication, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ServiceConfig } from '@touchpoint/config';
import type { FastifyServerOptions } from 'fastify';
import { DEFAULT_BODY_LIMIT_BYTES } from './body-limits';
import { closeOnSignals } from './graceful-shutdown';
import { installRequestContext, requestIdOf } from './logging/request-context';
import { createServiceLogger } from './logging/service-logger';
import { MetricsModule } from './metrics/metrics.module';
import { ShutdownGate } from './shutdown-gate';

/** What a client that met the closed gate waits before it retries (on another instance). */
const RETRY_AFTER_SECONDS = 5;

export interface BootstrapOptions {
  /** The root module, or a dynamic one built from the config (`AppModule.forRoot(config)`). */
  readonly module: Type<unknown> | DynamicModule;
  readonly config: ServiceConfig;
  /** Fastify's options; bodyLimit defaults to DEFAULT_BODY_LIMIT_BYTES. */
  readonly fastify?: FastifyServerOptions;
  /** Runs after the app is created and before it listens (e.g. body parsers). */
  readonly configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/**
 * Starts a Touchpoint service: Nest on Fastify with `/metrics` (MetricsModule) beside the
 * app's own module, graceful shutdown on SIGTERM (graceful-shutdown.ts: intake stops with 503
 * + Retry-After, consumers drain and commit, clients close, all within SHUTDOWN_GRACE_MS), JSON
 * log lines through pino (logging/service-logger.ts) carrying each request's id and trace, and
 * one log line with the address once it listens.
 */
export async function bootstrapService(options: BootstrapOptions): Promise<INestApplication> {
  const { config } = options;
  const logger = await createServiceLogger({ service: config.service, level: config.logLevel, format: config.logFormat });
  @Module({ imports: [options.module, MetricsModule.forRoot(config.service)] })
  class ServiceRootModule {}
  // Fastify answers a bare 503 to requests that arrive while it closes; off, they reach the gate, which says when to retry.
  const adapter = new FastifyAdapter({ return503OnClosing: false, genReqId: requestIdOf, bodyLimit: DEFAULT_BODY_LIMIT_BYTES, ...options.fastify });
  const app = await NestFactory.create<NestFastifyApplication>(ServiceRootModule, adapter, { logger, bufferLogs: true });
  const fastify = app.getHttpAdapter().getInstance();
  installRequestContext(fastify, logger);
  const gate = new ShutdownGate(RETRY_AFTER_SECONDS);
  gate.install(fastify);
  closeOnSignals(app, gate, { graceMs: config.shutdownGraceMs, logger });
  await options.configure?.(app);
  await app.listen(config.http.port, config.http.host);
  logger.log(`${config.service} listening on http://${config.http.host}:${config.http.port}`, 'Bootstrap');
  if (config.personalData.usesDevelopmentSecret) {
    // Hashes keyed with a published secret can be reversed by hashing every phone number.
    logger.warn('PERSONAL_DATA_HASH_SECRET is the development default: set a secret of your own outside development', 'Bootstrap');
  }
  return app;
}

/** Entry-point wrapper: a failure to start is logged once and exits non-zero. */
export function runService(start: () => Promise<unknown>, service: string): void {
  start().catch((error: unknown) => {
    process.stderr.write(`${service} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
