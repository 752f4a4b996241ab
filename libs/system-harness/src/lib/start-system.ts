import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServiceName } from '@touchpoint/config';
import { allTopics } from '@touchpoint/contracts';
import { type DevBroker, startDevBroker } from '@touchpoint/dev-broker';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { checkDependencies } from './dependencies-check';
import { freePort } from '@touchpoint/kafka-testing';
import { buildExplorerPage, explorerEnv } from './explorer-process';
import { type ServiceProcess, spawnEntry, waitUntilReady } from './service-process';

export const serviceNames: readonly ServiceName[] = ['ingest', 'identity', 'journey', 'recommendation'];

/** The services with a state of record in Postgres, each with its one-shot migrate command. */
const migratedServices: readonly ServiceName[] = ['identity', 'journey', 'recommendation'];

/** The read token the harness configures, so specs and the demo can call the read endpoints. */
export const HARNESS_READ_TOKEN = 'tp-harness-read-token-not-for-production';
/** The admin token the harness's services accept (erasure, unmerge). */
export const HARNESS_ADMIN_TOKEN = 'tp-harness-admin-token-not-for-production';

export interface SystemOptions {
  /** Brokers of a running Kafka; null starts the embedded dev broker. */
  readonly kafkaBrokers: readonly string[] | null;
  /** Port of the embedded broker (0: any free port). */
  readonly brokerPort?: number;
  readonly brokerDataDir?: string;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** HTTP ports per service; missing ones get free ports. */
  readonly ports?: Partial<Record<ServiceName, number>>;
  readonly logLevel?: string;
  /** Partitions of the topics created before the services start. */
  readonly topicPartitions?: number;
  readonly extraEnv?: Record<string, string>;
  /** Every line a service prints, e.g. to show or to keep for failure reports. */
  readonly onLine?: (service: string, line: string) => void;
  /** How long each service may take to get ready (default 60 s); a busy machine may need more. */
  readonly readyTimeoutMs?: number;
  /** Also build and start the journey explorer page (apps/explorer), on this port (0 or unset: a free one). */
  readonly explorer?: { readonly port?: number };
}

export interface RunningSystem {
  readonly kafkaBrokers: readonly string[];
  readonly urls: Readonly<Record<ServiceName, string>>;
  /** The explorer page's address when it was asked for, else null. */
  readonly explorerUrl: string | null;
  /** The environment the services were started with (ports aside): a further instance started with it joins the same system. */
  readonly serviceEnv: Readonly<Record<string, string>>;
  readonly processes: readonly ServiceProcess[];
  readonly broker: DevBroker | null;
  stop(): Promise<void>;
}

const portVariable: Record<ServiceName, string> = {
  ingest: 'INGEST_HTTP_PORT',
  identity: 'IDENTITY_HTTP_PORT',
  journey: 'JOURNEY_HTTP_PORT',
  recommendation: 'RECOMMENDATION_HTTP_PORT',
};

/**
 * Creates every Touchpoint topic that is missing, as a deployment would before rolling out
 * services (which otherwise race each other creating the same topics).
 */
async function provisionTopics(brokers: readonly string[], partitions: number): Promise<void> {
  const admin = new Kafka({ clientId: 'touchpoint-provisioner', brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = allTopics.filter((topic) => !existing.has(topic.name));
    if (missing.length > 0) await admin.createTopics({ topics: missing.map((topic) => ({ topic: topic.name, numPartitions: partitions })) });
  } finally {
    await admin.disconnect();
  }
}

/**
 * Starts Touchpoint as it runs for real: the broker (embedded unless Kafka is given), the
 * identity and journey migrations as one-shot processes, then the four services as separate processes,
 * each awaited until its readiness endpoint answers.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  await checkDependencies(options.databaseUrl, options.redisUrl);
  let broker: DevBroker | null = null;
  const started: ServiceProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all([...started].reverse().map((service) => service.stop()));
    await broker?.stop();
  };
  try {
    if (options.kafkaBrokers === null) {
      broker = await startDevBroker({
        port: options.brokerPort ?? 0,
        dataDir: options.brokerDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tp-system-broker-')),
        defaultPartitions: 3,
        logger: pino({ level: 'warn' }),
      });
    }
    const kafkaBrokers = options.kafkaBrokers ?? [broker?.address ?? ''];
    await provisionTopics(kafkaBrokers, options.topicPartitions ?? 3);
    const ports = Object.fromEntries(
      await Promise.all(serviceNames.map(async (name) => [name, options.ports?.[name] ?? (await freePort())] as const)),
    ) as Record<ServiceName, number>;
    const env: Record<string, string> = {
      KAFKA_BROKERS: kafkaBrokers.join(','),
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: options.logLevel ?? 'info',
      KAFKA_TOPIC_PARTITIONS: String(options.topicPartitions ?? 3),
      ...Object.fromEntries(serviceNames.map((name) => [portVariable[name], String(ports[name])])),
      ACCESS_READ_TOKENS: HARNESS_READ_TOKEN,
      ACCESS_ADMIN_TOKENS: HARNESS_ADMIN_TOKEN,
      // The demo shop's products, imported while the catalog is empty.
      RECOMMENDATION_CATALOG_SEED_FILE: 'config/catalog.demo.json',
      ...options.extraEnv,
    };

    // One after the other: the first creates the shared database, which two at once would race for.
    for (const service of migratedServices) {
      const migrate = spawnEntry(`${service}-migrate`, `apps/${service}/src/migrate.ts`, env, options.onLine);
      const migrated = await migrate.exited;
      if (migrated !== 0) throw new Error(`${service} migrations failed (exit ${migrated}):\n${migrate.output().slice(-4000)}`);
    }

    for (const name of serviceNames) started.push(spawnEntry(name, `apps/${name}/src/main.ts`, env, options.onLine));
    const urls = Object.fromEntries(serviceNames.map((name) => [name, `http://127.0.0.1:${ports[name]}`])) as Record<ServiceName, string>;
    await Promise.all(started.map((service) => waitUntilReady(service, `${urls[service.name as ServiceName]}/health/ready`, options.readyTimeoutMs)));
    let explorerUrl: string | null = null;
    if (options.explorer) {
      await buildExplorerPage(options.onLine);
      const port = options.explorer.port || (await freePort());
      const explorer = spawnEntry('explorer', 'apps/explorer/src/main.ts', { ...env, ...explorerEnv(port, urls) }, options.onLine);
      started.push(explorer);
      explorerUrl = `http://127.0.0.1:${port}`;
      await waitUntilReady(explorer, `${explorerUrl}/health/ready`);
    }
    return { kafkaBrokers, urls, explorerUrl, serviceEnv: env, processes: started, broker, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
