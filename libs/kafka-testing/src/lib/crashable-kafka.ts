import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApacheKafka } from './apache-kafka/start-apache-kafka';
import { type DevBrokerProcess, startDevBrokerProcess } from './dev-broker-process';
import { freePort } from './free-port';
import type { TestKafkaKind } from './test-kafka';

/** A Kafka of the run's kind in a process of its own, for tests that crash the broker. */
export interface CrashableKafka {
  readonly kind: TestKafkaKind;
  readonly brokers: readonly string[];
  /** SIGKILL of the broker process: no flush, no orderly close. */
  kill(): Promise<void>;
  /** The same broker again: same port, same data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function crashableDevBroker(): Promise<CrashableKafka> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-crashable-broker-'));
  const port = await freePort();
  let broker: DevBrokerProcess | null = await startDevBrokerProcess(dataDir, port);
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (!broker) return;
    const { child, exited } = broker;
    broker = null;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    kind: 'dev-broker',
    brokers: [`127.0.0.1:${port}`],
    kill: () => end('SIGKILL'),
    async restart() {
      await end('SIGTERM');
      broker = await startDevBrokerProcess(dataDir, port);
    },
    async stop() {
      await end('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A private broker of `kind` (never the run's shared one, since the test kills it). */
export async function startCrashableKafka(kind: TestKafkaKind): Promise<CrashableKafka> {
  if (kind === 'dev-broker') return crashableDevBroker();
  const kafka = await startApacheKafka({ overrides: { 'num.partitions': '3' } });
  return { kind, brokers: kafka.brokers, kill: () => kafka.kill(), restart: () => kafka.restart(), stop: () => kafka.stop() };
}
