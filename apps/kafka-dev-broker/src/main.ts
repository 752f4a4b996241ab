import { ConfigError, loadDevBrokerConfig, processEnv } from '@touchpoint/config';
import { startDevBroker } from '@touchpoint/dev-broker';
import pino from 'pino';

async function main(): Promise<void> {
  let config;
  try {
    config = loadDevBrokerConfig(processEnv());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`kafka-dev-broker: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = pino({ name: 'kafka-dev-broker', level: config.logLevel });
  const broker = await startDevBroker({
    host: config.listen.host,
    port: config.listen.port,
    advertisedHost: config.listen.advertisedHost,
    dataDir: config.storage.dataDir,
    segmentBytes: config.storage.segmentBytes,
    retentionMs: config.storage.retentionMs,
    retentionBytes: config.storage.retentionBytes,
    fsyncOnAck: config.storage.fsyncOnAck,
    cleanerIntervalMs: config.storage.cleanerIntervalMs,
    autoCreateTopics: config.topics.autoCreate,
    defaultPartitions: config.topics.defaultPartitions,
    logger,
  });

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    broker.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`kafka-dev-broker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
