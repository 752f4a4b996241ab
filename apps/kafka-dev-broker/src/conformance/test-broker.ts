import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { type DevBroker, type DevBrokerOptions, startDevBroker } from '@touchpoint/dev-broker';
import { Kafka, logLevel } from 'kafkajs';

export interface TestBroker extends DevBroker {
  readonly kafka: Kafka;
  /** Stops the broker and removes its data directory. */
  dispose(): Promise<void>;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tp-broker-'));
}

/** A dev broker on a free port with its own temporary data directory, plus a kafkajs client for it. */
export async function startTestBroker(options: Partial<DevBrokerOptions> = {}): Promise<TestBroker> {
  const dataDir = options.dataDir ?? tempDataDir();
  const broker = await startDevBroker({
    port: 0,
    logger: pino({ level: process.env['BROKER_LOG_LEVEL'] ?? 'silent' }),
    ...options,
    dataDir,
  });
  const kafka = new Kafka({ clientId: 'conformance', brokers: [broker.address], logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 50 } });
  return {
    ...broker,
    stop: () => broker.stop(),
    kafka,
    async dispose() {
      await broker.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
