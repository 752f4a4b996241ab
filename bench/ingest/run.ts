/**
 * Ingest HTTP benchmark: Segment batches of 100 events posted to ingest (its own process, as in
 * `nx serve ingest`, against the dev broker in another process and the local Redis) and, in the
 * same run, to a bare Fastify server that only parses them; the load generator runs in a third
 * process. Each figure is printed beside the bare server's. See bench/README.md.
 *
 *   npm run bench:ingest                                     # 10 s per phase, 32 connections
 *   npm run bench:ingest -- --duration=30 --connections=64 --rate=10000 --profile
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, type ServiceProcess, spawnEntry, waitUntilReady } from '@touchpoint/system-harness';
import Redis from 'ioredis';
import { type BrokerChild, startBrokerChild } from '../broker/broker-child';
import { formatHotSpots, topSelfTime } from '../broker/profile-summary';
import { argValue, intSetting } from '../shared/settings';
import type { LoadJob, LoadResult } from './load-generator';
import { EVENTS_PER_BATCH, WRITE_KEY } from './workload';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const REDIS_URL = 'redis://127.0.0.1:6379/0';
const TARGET = { closedEventsPerSec: 20_000, closedShareOfBare: 0.2, openP99Ms: 50 };

interface Settings {
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  /** Events per second of the open-loop phase. */
  readonly rate: number;
  readonly profile: boolean;
  readonly out: string;
}

function readSettings(): Settings {
  return {
    durationSeconds: intSetting('duration', 'BENCH_INGEST_DURATION', 10, 1),
    warmupSeconds: intSetting('warmup', 'BENCH_INGEST_WARMUP', 3, 0),
    connections: intSetting('connections', 'BENCH_INGEST_CONNECTIONS', 32, 1),
    rate: intSetting('rate', 'BENCH_INGEST_RATE', 10_000, EVENTS_PER_BATCH),
    profile: process.argv.includes('--profile') || process.env['BENCH_INGEST_PROFILE'] === '1',
    out: path.resolve(REPO_ROOT, argValue('out') ?? process.env['BENCH_INGEST_OUT'] ?? path.join('tmp', 'bench', 'ingest.json')),
  };
}

interface PhaseFigures {
  readonly eventsPerSec: number;
  readonly latencyMs: LoadResult['latencyMs'];
  readonly failed: number;
}

/** Runs one job in the load generator's own process and reads its result line. */
async function load(job: LoadJob): Promise<PhaseFigures> {
  const generator = spawnEntry('load', 'bench/ingest/load-generator.ts', { BENCH_LOAD_JOB: JSON.stringify(job) });
  const code = await generator.exited;
  const line = generator.output().split('\n').find((text) => text.startsWith('RESULT '));
  if (code !== 0 || !line) throw new Error(`load generator failed (exit ${code}):\n${generator.output().slice(-4000)}`);
  const result = JSON.parse(line.slice('RESULT '.length)) as LoadResult;
  return {
    eventsPerSec: Math.round((result.ok * EVENTS_PER_BATCH) / result.durationSeconds),
    latencyMs: result.latencyMs,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

interface TargetFigures {
  readonly closed: PhaseFigures;
  readonly open: PhaseFigures;
}

async function measure(url: string, settings: Settings): Promise<TargetFigures> {
  if (settings.warmupSeconds > 0) await load({ url, connections: settings.connections, seconds: settings.warmupSeconds });
  const closed = await load({ url, connections: settings.connections, seconds: settings.durationSeconds });
  const open = await load({ url, connections: settings.connections, seconds: settings.durationSeconds, requestsPerSecond: settings.rate / EVENTS_PER_BATCH });
  return { closed, open };
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

const row = (label: string, ingest: string, bare: string, ratio: string): string => `  ${label.padEnd(26)}${ingest.padStart(14)}${bare.padStart(14)}${ratio.padStart(10)}`;
const pct = (part: number, whole: number): string => (whole > 0 ? `${Math.round((part / whole) * 100)} %` : '-');

function print(settings: Settings, ingest: TargetFigures, bare: TargetFigures): boolean {
  const share = bare.closed.eventsPerSec > 0 ? ingest.closed.eventsPerSec / bare.closed.eventsPerSec : 0;
  const closedMet = ingest.closed.eventsPerSec >= TARGET.closedEventsPerSec && share >= TARGET.closedShareOfBare;
  const openMet = ingest.open.latencyMs.p99 < TARGET.openP99Ms && ingest.open.failed === 0;
  console.log(`ingest: POST /v1/batch, ${EVENTS_PER_BATCH} events per request, ${settings.durationSeconds} s per phase`);
  console.log(row('', 'ingest', 'bare fastify', 'ingest/bare'));
  console.log(`  closed loop, ${settings.connections} connections`);
  console.log(row('events/s', String(ingest.closed.eventsPerSec), String(bare.closed.eventsPerSec), pct(ingest.closed.eventsPerSec, bare.closed.eventsPerSec)));
  for (const q of ['p50', 'p99', 'max'] as const) console.log(row(`latency ${q} ms`, String(ingest.closed.latencyMs[q]), String(bare.closed.latencyMs[q]), ''));
  console.log(row('failed requests', String(ingest.closed.failed), String(bare.closed.failed), ''));
  console.log(`  open loop, ${settings.rate} events/s (${settings.rate / EVENTS_PER_BATCH} requests/s)`);
  console.log(row('events/s', String(ingest.open.eventsPerSec), String(bare.open.eventsPerSec), ''));
  for (const q of ['p50', 'p99', 'max'] as const) console.log(row(`latency ${q} ms`, String(ingest.open.latencyMs[q]), String(bare.open.latencyMs[q]), ''));
  console.log(row('failed requests', String(ingest.open.failed), String(bare.open.failed), ''));
  console.log(`  target: closed >= ${TARGET.closedEventsPerSec} events/s and >= ${TARGET.closedShareOfBare * 100} % of bare: ${closedMet ? 'met' : 'NOT met'}`);
  console.log(`  target: open loop p99 < ${TARGET.openP99Ms} ms: ${openMet ? 'met' : 'NOT met'}`);
  return closedMet && openMet;
}

async function main(): Promise<void> {
  const settings = readSettings();
  const redisPrefix = `tp-bench-ingest-${randomUUID()}:`;
  const profileFile = path.join(REPO_ROOT, 'tmp', 'bench', `ingest-${Date.now()}.cpuprofile`);
  let broker: BrokerChild | undefined;
  let ingest: ServiceProcess | undefined;
  let bare: ServiceProcess | undefined;
  const stop = async (): Promise<void> => {
    await ingest?.stop();
    await bare?.stop();
    await broker?.stop();
    await deleteKeys(redisPrefix);
  };
  process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
  try {
    broker = await startBrokerChild();
    const [ingestPort, barePort] = [await freePort(), await freePort()];
    ingest = spawnEntry('ingest', 'apps/ingest/src/main.ts', {
      KAFKA_BROKERS: broker.ready.address,
      KAFKA_TOPIC_PARTITIONS: '4',
      INGEST_HTTP_PORT: String(ingestPort),
      INGEST_WRITE_KEYS: `bench:${WRITE_KEY}`,
      REDIS_URL,
      REDIS_KEY_PREFIX: redisPrefix,
      LOG_LEVEL: 'warn',
      ...(settings.profile ? { NODE_OPTIONS: `--require ${path.join(__dirname, 'cpu-profile.preload.cjs')}`, BENCH_CPU_PROFILE: profileFile } : {}),
    });
    bare = spawnEntry('bare', 'bench/ingest/bare-server.ts', { BENCH_BARE_PORT: String(barePort) });
    const ingestUrl = `http://127.0.0.1:${ingestPort}`;
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitUntilReady(ingest, `${ingestUrl}/health/ready`);
    await waitUntilReady(bare, `${bareUrl}/health/ready`);

    const bareFigures = await measure(bareUrl, settings);
    const ingestFigures = await measure(ingestUrl, settings);
    const met = print(settings, ingestFigures, bareFigures);
    const figures = { at: new Date().toISOString(), settings: { ...settings, eventsPerBatch: EVENTS_PER_BATCH }, ingest: ingestFigures, bare: bareFigures, target: TARGET, met };
    fs.mkdirSync(path.dirname(settings.out), { recursive: true });
    fs.writeFileSync(settings.out, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`  written to   ${path.relative(REPO_ROOT, settings.out)}`);
    if (ingestFigures.closed.failed > 0 || ingestFigures.open.failed > 0) process.exitCode = 1;
    if (settings.profile) {
      await ingest.stop();
      ingest = undefined;
      const summary = topSelfTime(profileFile, 25, REPO_ROOT);
      console.log(`ingest CPU profile (${path.relative(REPO_ROOT, profileFile)}), top self time:`);
      console.log(formatHotSpots(summary.spots));
    }
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
