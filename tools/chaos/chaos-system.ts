import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServiceName } from '@touchpoint/config';
import { type CrashableKafka, startCrashableKafka, type TestKafkaKind } from '@touchpoint/kafka-testing';
import { type SimulatedProduct } from '@touchpoint/shopper-simulator';
import {
  killService,
  type PrivateRedis,
  respawnService,
  type ServiceProcess,
  serviceNames,
  startPrivateRedis,
  startTcpProxy,
  startTestSystem,
  type TcpProxy,
  type TestSystem,
} from '@touchpoint/system-harness';

/** Everything one broker's run owns: the broker, the Postgres proxy, its Redis, the services. */
export interface ChaosSystem {
  readonly kind: TestKafkaKind;
  readonly kafka: CrashableKafka;
  readonly postgres: TcpProxy;
  readonly redis: PrivateRedis;
  readonly system: TestSystem;
  /** The process currently serving each service (a restarted one replaces the original). */
  current(name: ServiceName): ServiceProcess;
  /** kill -9 of the service's process, then the same service again on its port, awaited until ready. */
  killAndRestart(name: ServiceName): Promise<void>;
  /** A database connection string that bypasses the proxy (the checks must not be faulted). */
  readonly directDatabaseUrl: string;
  stop(): Promise<void>;
}

/** The simulated catalog as a seed file, so recommendation knows (and retargets) the simulated products. */
function writeCatalog(products: readonly SimulatedProduct[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-chaos-catalog-'));
  const file = path.join(dir, 'catalog.json');
  const byBundle = new Map<number, SimulatedProduct[]>();
  for (const product of products) byBundle.set(product.bundle, [...(byBundle.get(product.bundle) ?? []), product]);
  const entries = products.map((product) => ({
    productId: product.productId,
    name: product.name,
    category: product.category,
    price: product.price,
    currency: 'EUR',
    accessories: (byBundle.get(product.bundle) ?? []).filter((p) => p.productId !== product.productId && p.category === 'accessories').map((p) => p.productId),
    complements: [],
    inStock: true,
    consumable: false,
    active: true,
  }));
  fs.writeFileSync(file, JSON.stringify({ products: entries }));
  return file;
}

/** Releases in reverse order of acquisition, each step on its own so one failure does not strand the rest. */
async function releaseAll(steps: readonly (() => Promise<unknown>)[]): Promise<void> {
  for (const step of [...steps].reverse()) await step().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
}

/**
 * The harness gives each service a minute to get ready; on a machine busy with other work that
 * is sometimes not enough, so a failed start is tried once more before the run gives up.
 */
async function startOnce(options: Parameters<typeof startTestSystem>[0], log: (line: string) => void): Promise<TestSystem> {
  try {
    return await startTestSystem(options);
  } catch (error) {
    log(`the system did not start (${String(error).split('\n')[0]}); trying once more`);
    return startTestSystem(options);
  }
}

export async function startChaosSystem(kind: TestKafkaKind, catalog: readonly SimulatedProduct[], log: (line: string) => void): Promise<ChaosSystem> {
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    log(`starting ${kind}`);
    const kafka = await startCrashableKafka(kind);
    cleanup.push(() => kafka.stop());
    const postgres = await startTcpProxy({ target: { host: '127.0.0.1', port: 5432 } });
    cleanup.push(() => postgres.stop());
    const redis = await startPrivateRedis();
    cleanup.push(() => redis.stop());
    const catalogFile = writeCatalog(catalog);
    cleanup.push(async () => fs.rmSync(path.dirname(catalogFile), { recursive: true, force: true }));
    log('starting the services');
    const system = await startOnce({
      label: `chaos_${kind.replace('-', '_')}`,
      kafkaBrokers: kafka.brokers,
      postgresAddress: postgres.address,
      redisAddress: redis.address,
      logLevel: 'warn',
      // Started while the machine may be busy with other work: a minute is not always enough.
      readyTimeoutMs: 180_000,
      extraEnv: {
        RECOMMENDATION_CATALOG_SEED_FILE: catalogFile,
        // A member killed with -9 leaves its partitions to the group only when its session ends.
        KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '10000',
      },
    }, log);
    const restarted = new Map<ServiceName, ServiceProcess>();
    cleanup.push(() => system.stop());
    cleanup.push(() => Promise.all([...restarted.values()].map((service) => service.stop())));
    const original = new Map(serviceNames.map((name) => [name, system.processes.find((p) => p.name === name) as ServiceProcess]));
    const current = (name: ServiceName): ServiceProcess => restarted.get(name) ?? (original.get(name) as ServiceProcess);
    return {
      kind,
      kafka,
      postgres,
      redis,
      system,
      current,
      directDatabaseUrl: `postgres://postgres@127.0.0.1:5432/${system.databaseName}`,
      async killAndRestart(name) {
        await killService(current(name));
        const lines = system.lines as string[];
        restarted.set(name, await respawnService(name, system.serviceEnv, system.urls[name], (service, line) => lines.push(`${service}: ${line}`), 180_000));
      },
      stop: () => releaseAll(cleanup),
    };
  } catch (error) {
    await releaseAll(cleanup);
    throw error;
  }
}
