import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { Client } from 'pg';
import { type RunningSystem, startSystem, type SystemOptions } from './start-system';

export interface TestSystemOptions extends Omit<SystemOptions, 'databaseUrl' | 'redisUrl' | 'onLine'> {
  /** Names the spec's database, e.g. "crash" gives tp_e2e_crash_<random>. */
  readonly label: string;
  /** host:port the services reach Postgres and Redis at (a test's TCP proxy); the local servers by default. */
  readonly postgresAddress?: string;
  readonly redisAddress?: string;
}

export interface TestSystem extends RunningSystem {
  readonly databaseName: string;
  readonly redisKeyPrefix: string;
  /** Every line the services printed. */
  readonly lines: readonly string[];
  /** The services' last warnings and errors, the best clue when a story fails. */
  serviceWarnings(count?: number): string;
  /** Stops the system, drops its database and deletes its Redis keys. */
  stop(): Promise<void>;
}

const LOCAL_POSTGRES = '127.0.0.1:5432';
const LOCAL_REDIS = '127.0.0.1:6379';

async function dropDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: `postgres://postgres@${LOCAL_POSTGRES}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(`redis://${LOCAL_REDIS}/0`);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

/**
 * The whole system for one spec, on the local Postgres and Redis but isolated in them: a
 * database and a Redis key prefix of its own, removed again on stop, and the services'
 * output kept for failure messages.
 */
export async function startTestSystem(options: TestSystemOptions): Promise<TestSystem> {
  const run = randomUUID().replace(/-/g, '').slice(0, 12);
  const databaseName = `tp_e2e_${options.label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${run}`;
  const redisKeyPrefix = `tp-e2e-${options.label}-${run}:`;
  const lines: string[] = [];
  const system = await startSystem({
    ...options,
    databaseUrl: `postgres://postgres@${options.postgresAddress ?? LOCAL_POSTGRES}/${databaseName}`,
    redisUrl: `redis://${options.redisAddress ?? LOCAL_REDIS}/0`,
    extraEnv: { REDIS_KEY_PREFIX: redisKeyPrefix, ...options.extraEnv },
    onLine: (service, line) => lines.push(`${service}: ${line}`),
  }).catch(async (error: unknown) => {
    await dropDatabase(databaseName).catch(() => undefined);
    throw error;
  });
  return {
    ...system,
    databaseName,
    redisKeyPrefix,
    lines,
    serviceWarnings: (count = 25) =>
      lines
        .filter((line) => /error|warn|fail/i.test(line))
        .slice(-count)
        .join('\n'),
    async stop() {
      await system.stop();
      await dropDatabase(databaseName);
      await deleteKeys(redisKeyPrefix);
    },
  };
}
