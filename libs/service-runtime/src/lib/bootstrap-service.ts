import 'reflect-metadata';
import { ConsoleLogger, type DynamicModule, type INestApplication, type LogLevel, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ServiceConfig } from '@touchpoint/config';
import type { FastifyServerOptions } from 'fastify';
import { closeOnSignals } from './graceful-shutdown';
import { MetricsModule } from './metrics/metrics.module';
import { ShutdownGate } from './shutdown-gate';

/** Within Kubernetes' default 30 s after the pod's 5 s preStop pause (k8s/base): what SIGTERM may take. */
const DEFAULT_SHUTDOWN_GRACE_MS = 25_000;
/** What a client that met the closed gate waits before it retries (on another instance). */
const RETRY_AFTER_SECONDS = 5;

const nestLevels: Record<ServiceConfig['logLevel'], LogLevel[]> = {
  trace: ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'],
  debug: ['debug', 'log', 'warn', 'error', 'fatal'],
  info: ['log', 'warn', 'error', 'fatal'],
  warn: ['warn', 'error', 'fatal'],
  error: ['error', 'fatal'],
  fatal: ['fatal'],
  silent: [],
};

export interface BootstrapOptions {
  /** The root module, or a dynamic one built from the config (`AppModule.forRoot(config)`). */
  readonly module: Type<unknown> | DynamicModule;
  readonly config: ServiceConfig;
  readonly fastify?: FastifyServerOptions;
  /** Runs after the app is created and before it listens (e.g. body parsers). */
  readonly configure?: (app: NestFastifyApplication) => void | Promise<void>;
  /** How long SIGTERM may take before the process gives up and exits non-zero. */
  readonly shutdownGraceMs?: number;
}

/**
 * Starts a Touchpoint service: Nest on Fastify with `/metrics` (MetricsModule) beside the
 * app's own module, graceful shutdown on SIGTERM (graceful-shutdown.ts: intake stops with 503
 * + Retry-After, consumers drain and commit, clients close, all within the grace period), and
 * one log line with the address once it listens.
 */
export async function bootstrapService(options: BootstrapOptions): Promise<INestApplication> {
  const { config } = options;
  const logger = new ConsoleLogger({ prefix: config.service, logLevels: nestLevels[config.logLevel] });
  @Module({ imports: [options.module, MetricsModule.forRoot(config.service)] })
  class ServiceRootModule {}
  // Fastify answers a bare 503 to requests that arrive while it closes; off, they reach the gate, which says when to retry.
  const adapter = new FastifyAdapter({ return503OnClosing: false, ...options.fastify });
  const app = await NestFactory.create<NestFastifyApplication>(ServiceRootModule, adapter, { logger, bufferLogs: true });
  const gate = new ShutdownGate(RETRY_AFTER_SECONDS);
  gate.install(app.getHttpAdapter().getInstance());
  closeOnSignals(app, gate, { graceMs: options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS, logger });
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
