import type { INestApplication, LoggerService } from '@nestjs/common';
import type { ShutdownGate } from './shutdown-gate';

export interface GracefulShutdownOptions {
  /** Everything (intake stop, in-flight work, offset commits, disconnects) must end within this. */
  readonly graceMs: number;
  readonly logger: LoggerService;
  /** Ends the process; the default is process.exit, specs pass their own. */
  readonly exit?: (code: number) => void;
}

/**
 * SIGTERM and SIGINT: close the gate (new requests get 503 + Retry-After), then `app.close()`,
 * which stops the consumers first (in-flight message finishes, offsets committed, groups left),
 * then the HTTP server (requests in flight finish), then the clients. A shutdown that outlives
 * the grace period exits non-zero rather than be killed half-way by the orchestrator.
 */
export function closeOnSignals(app: INestApplication, gate: ShutdownGate, options: GracefulShutdownOptions): () => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let closing: Promise<void> | null = null;
  const shutdown = (signal: string): Promise<void> => {
    closing ??= (async () => {
      const started = Date.now();
      options.logger.log(`${signal}: taking no new requests, finishing work in flight`, 'Shutdown');
      gate.close();
      const timer = setTimeout(() => {
        options.logger.error(`shutdown did not finish within ${options.graceMs} ms; exiting`, 'Shutdown');
        exit(1);
      }, options.graceMs);
      timer.unref();
      try {
        await app.close();
        options.logger.log(`stopped cleanly in ${Date.now() - started} ms`, 'Shutdown');
        clearTimeout(timer);
        exit(0);
      } catch (error) {
        options.logger.error(`shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, 'Shutdown');
        clearTimeout(timer);
        exit(1);
      }
    })();
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals): void => void shutdown(signal);
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return () => shutdown('close requested');
}
