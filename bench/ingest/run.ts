/**
 * Ingest HTTP benchmark: autocannon posts Segment batches of 100 events to ingest, which runs
 * as its own process (as in `nx serve ingest`) against the dev broker in another process and
 * the local Redis. See bench/README.md.
 *
 *   npm run bench:ingest                                     # 10 s, 32 connections
 *   npm run bench:ingest -- --duration=30 --connections=64
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, type ServiceProcess, spawnEntry, waitUntilReady } from '@touchpoint/system-harness';
import autocannon from 'autocannon';
import Redis from 'ioredis';
import { type BrokerChild, startBrokerChild } from '../broker/broker-child';
import { argValue, intSetting } from '../shared/settings';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const WRITE_KEY = 'bench_write_key_1';
const EVENTS_PER_BATCH = 100;
const REDIS_URL = 'redis://127.0.0.1:6379/0';
const TARGET_EVENTS_PER_SEC = 20_000;
const TARGET_P99_MS = 50;

interface Settings {
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  readonly out: string;
}


function readSettings(): Settings {
  return {
    durationSeconds: intSetting('duration', 'BENCH_INGEST_DURATION', 10, 1),
    warmupSeconds: intSetting('warmup', 'BENCH_INGEST_WARMUP', 3, 0),
    connections: intSetting('connections', 'BENCH_INGEST_CONNECTIONS', 32, 1),
    out: path.resolve(REPO_ROOT, argValue('out') ?? process.env['BENCH_INGEST_OUT'] ?? path.join('tmp', 'bench', 'ingest.json')),
  };
}

/** A batch of realistic web events (~300 bytes each) with fresh messageIds, so de-duplication lets every one through. */
function batchBody(): string {
  const anonymousId = randomUUID();
  const batch = Array.from({ length: EVENTS_PER_BATCH }, (_, index) => ({
    type: 'track',
    messageId: randomUUID(),
    anonymousId,
    event: 'Product Viewed',
    properties: { product_id: `product-${index % 50}`, name: 'Rain jacket', price: 129.95, currency: 'EUR' },
    context: { channel: 'web', page: { path: '/jackets/rain-jacket' }, userAgent: 'Mozilla/5.0 (bench)' },
    timestamp: new Date().toISOString(),
  }));
  return JSON.stringify({ batch, sentAt: new Date().toISOString() });
}

function cannon(url: string, settings: Settings, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/v1/batch`,
    method: 'POST',
    connections: settings.connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}` },
    requests: [{ setupRequest: (request) => ({ ...request, body: batchBody() }) }],
  });
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const settings = readSettings();
  const redisPrefix = `tp-bench-ingest-${randomUUID()}:`;
  let broker: BrokerChild | undefined;
  let ingest: ServiceProcess | undefined;
  const stop = async (): Promise<void> => {
    await ingest?.stop();
    await broker?.stop();
    await deleteKeys(redisPrefix);
  };
  process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
  try {
    broker = await startBrokerChild();
    const port = await freePort();
    ingest = spawnEntry('ingest', 'apps/ingest/src/main.ts', {
      KAFKA_BROKERS: broker.ready.address,
      KAFKA_TOPIC_PARTITIONS: '4',
      INGEST_HTTP_PORT: String(port),
      INGEST_WRITE_KEYS: `bench:${WRITE_KEY}`,
      REDIS_URL,
      REDIS_KEY_PREFIX: redisPrefix,
      LOG_LEVEL: 'warn',
    });
    const url = `http://127.0.0.1:${port}`;
    await waitUntilReady(ingest, `${url}/health/ready`);

    if (settings.warmupSeconds > 0) await cannon(url, settings, settings.warmupSeconds);
    const result = await cannon(url, settings, settings.durationSeconds);
    const okRequests = result['2xx'];
    const figures = {
      at: new Date().toISOString(),
      settings: { ...settings, eventsPerBatch: EVENTS_PER_BATCH },
      requests: { ok: okRequests, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts },
      eventsPerSec: Math.round((okRequests * EVENTS_PER_BATCH) / result.duration),
      requestsPerSec: Math.round(okRequests / result.duration),
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average },
      target: { eventsPerSec: TARGET_EVENTS_PER_SEC, p99Ms: TARGET_P99_MS },
    };
    fs.mkdirSync(path.dirname(settings.out), { recursive: true });
    fs.writeFileSync(settings.out, `${JSON.stringify(figures, null, 2)}\n`);

    const met = figures.eventsPerSec >= TARGET_EVENTS_PER_SEC && figures.latencyMs.p99 < TARGET_P99_MS;
    console.log(`ingest: POST /v1/batch, ${EVENTS_PER_BATCH} events per request, ${settings.connections} connections, ${settings.durationSeconds} s`);
    console.log(`  events/s     ${figures.eventsPerSec}  (${figures.requestsPerSec} requests/s)`);
    console.log(`  latency ms   p50 ${figures.latencyMs.p50}  p99 ${figures.latencyMs.p99}  max ${figures.latencyMs.max}`);
    console.log(`  non-2xx      ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`);
    console.log(`  target       ${TARGET_EVENTS_PER_SEC} events/s, p99 < ${TARGET_P99_MS} ms: ${met ? 'met' : 'NOT met'}`);
    console.log(`  written to   ${path.relative(REPO_ROOT, settings.out)}`);
    if (result.non2xx > 0 || result.errors > 0) process.exitCode = 1;
  } catch (error) {
    if (ingest) console.error(ingest.output().slice(-4000));
    throw error;
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
