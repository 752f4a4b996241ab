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
import os from 'node:os';
import { type BrokerChild, startBrokerChild } from '../broker/broker-child';
import { processCpuSeconds } from '../broker/proc-cpu-time';
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
  /** CPU cores the server under load used (all threads), over the phase. */
  readonly serverCores: number | null;
  /** Events per CPU-second of the server: what one core of its own would take, whatever else ran. */
  readonly eventsPerCoreSecond: number | null;
  /** CPU cores the broker used over the phase. */
  readonly brokerCores: number | null;
  /** The machine's 1-minute load average as the phase began. */
  readonly loadAverage: number;
}

/** The processes whose CPU a phase measures. */
interface Watched {
  readonly server: ServiceProcess;
  readonly broker: BrokerChild;
}

const cpuOf = (process: ServiceProcess): number | null => (process.child.pid === undefined ? null : processCpuSeconds(process.child.pid));

/** Runs one job in the load generator's own process and reads its result line. */
async function load(job: LoadJob, watched: Watched): Promise<PhaseFigures> {
  const loadAverage = os.loadavg()[0];
  const started = { at: performance.now(), server: cpuOf(watched.server), broker: (await watched.broker.usage()).cpuSeconds };
  const generator = spawnEntry('load', 'bench/ingest/load-generator.ts', { BENCH_LOAD_JOB: JSON.stringify(job) });
  const code = await generator.exited;
  const seconds = (performance.now() - started.at) / 1000;
  const serverCpu = cpuOf(watched.server);
  const brokerCpu = (await watched.broker.usage()).cpuSeconds;
  const line = generator.output().split('\n').find((text) => text.startsWith('RESULT '));
  if (code !== 0 || !line) throw new Error(`load generator failed (exit ${code}):\n${generator.output().slice(-4000)}`);
  const result = JSON.parse(line.slice('RESULT '.length)) as LoadResult;
  // The generator's start-up is inside `seconds` too, so the server's share is a lower bound.
  const serverSeconds = serverCpu !== null && started.server !== null ? serverCpu - started.server : null;
  return {
    eventsPerSec: Math.round((result.ok * EVENTS_PER_BATCH) / result.durationSeconds),
    latencyMs: result.latencyMs,
    failed: result.non2xx + result.errors + result.timeouts,
    serverCores: serverSeconds === null ? null : round2(serverSeconds / seconds),
    eventsPerCoreSecond: serverSeconds ? Math.round((result.ok * EVENTS_PER_BATCH) / serverSeconds) : null,
    brokerCores: round2((brokerCpu - started.broker) / seconds),
    loadAverage: round2(loadAverage),
  };
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

interface TargetFigures {
  readonly closed: PhaseFigures;
  readonly open: PhaseFigures;
}

async function measure(url: string, settings: Settings, watched: Watched): Promise<TargetFigures> {
  if (settings.warmupSeconds > 0) await load({ url, connections: settings.connections, seconds: settings.warmupSeconds }, watched);
  const closed = await load({ url, connections: settings.connections, seconds: settings.durationSeconds }, watched);
  const open = await load({ url, connections: settings.connections, seconds: settings.durationSeconds, requestsPerSecond: settings.rate / EVENTS_PER_BATCH }, watched);
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
const text = (value: number | null): string => (value === null ? '-' : String(value));

function printLoad(ingest: PhaseFigures, bare: PhaseFigures): void {
  console.log(row('server CPU cores', text(ingest.serverCores), text(bare.serverCores), ''));
  console.log(row('events per CPU-second', text(ingest.eventsPerCoreSecond), text(bare.eventsPerCoreSecond), pct(ingest.eventsPerCoreSecond ?? 0, bare.eventsPerCoreSecond ?? 0)));
  console.log(row('broker CPU cores', text(ingest.brokerCores), text(bare.brokerCores), ''));
  console.log(row('load average (1 min)', String(ingest.loadAverage), String(bare.loadAverage), ''));
}

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
  printLoad(ingest.closed, bare.closed);
  console.log(`  open loop, ${settings.rate} events/s (${settings.rate / EVENTS_PER_BATCH} requests/s)`);
  console.log(row('events/s', String(ingest.open.eventsPerSec), String(bare.open.eventsPerSec), ''));
  for (const q of ['p50', 'p99', 'max'] as const) console.log(row(`latency ${q} ms`, String(ingest.open.latencyMs[q]), String(bare.open.latencyMs[q]), ''));
  console.log(row('failed requests', String(ingest.open.failed), String(bare.open.failed), ''));
  printLoad(ingest.open, bare.open);
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

    const bareFigures = await measure(bareUrl, settings, { server: bare, broker });
    const ingestFigures = await measure(ingestUrl, settings, { server: ingest, broker });
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
