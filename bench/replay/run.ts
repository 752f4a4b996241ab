/**
 * `touchpoint journey rebuild` of one profile from a topic holding 1M events on 3 partitions
 * (target: under 2 s). The command runs as a user runs it: a new process through the
 * `touchpoint` launcher, timed from spawn to exit. See bench/README.md.
 *
 *   npm run bench:replay
 *   npm run bench:replay -- --events=1000000 --profiles=5000 --runs=5
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevBroker } from '@touchpoint/dev-broker';
import { workspaceRoot } from '@touchpoint/kafka-testing';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { argValue, intSetting } from '../shared/settings';
import { startIdentityResponder } from './identity-responder';
import { profileIdOf, writeEvents } from './write-events';

const TARGET_MS = 2_000;
const PARTITIONS = 3;

interface Timed {
  readonly ms: number;
  readonly stdout: string;
  readonly code: number | null;
}

// Spawned asynchronously: the dev broker runs in this process and must keep answering.
function timeCommand(args: readonly string[]): Promise<Timed> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [path.join(workspaceRoot(), 'apps/cli/bin/touchpoint.js'), ...args], { cwd: workspaceRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) reject(new Error(`touchpoint ${args.join(' ')} exited ${String(code)}: ${stderr}`));
      else resolve({ ms, stdout, code });
    });
  });
}

async function timeRuns(runs: number, args: readonly string[]): Promise<Timed[]> {
  const results: Timed[] = [];
  for (let i = 0; i < runs; i++) results.push(await timeCommand(args));
  return results;
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const events = intSetting('events', 'BENCH_EVENTS', 1_000_000, 1);
  const profiles = intSetting('profiles', 'BENCH_PROFILES', 5_000, 1);
  const runs = intSetting('runs', 'BENCH_RUNS', 5, 1);
  const external = argValue('brokers');
  const say = (line: string): void => void process.stdout.write(`  ${line}\n`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-bench-replay-'));
  const broker = external ? null : await startDevBroker({ port: 0, host: '127.0.0.1', dataDir, retentionMs: -1, logger: pino({ level: 'silent' }) });
  const brokers = external ?? broker?.address ?? '';
  const profileId = profileIdOf(0);
  const identity = await startIdentityResponder(profileId, 'anon-0');
  try {
    say(`broker ${external ? brokers : `dev broker at ${brokers}`}; writing ${events} events, ${PARTITIONS} partitions`);
    await writeEvents(new Kafka({ clientId: 'bench-replay', brokers: [brokers], logLevel: logLevel.NOTHING }), events, profiles, PARTITIONS, say);

    const common = ['--brokers', brokers, '--identity-url', identity.url];
    const floor = (await timeRuns(runs, ['--help'])).map((r) => r.ms);
    // --until now: the journey of now, without asking journey's HTTP API (not running here).
    const rebuild = await timeRuns(runs, [...common, 'journey', 'rebuild', '--profile', profileId, '--until', '0s']);
    const firstLine = /rebuilt from (\d+) events/.exec(rebuild[0]?.stdout ?? '')?.[1] ?? '?';
    const whole = await timeCommand([...common, 'replay', '--topic', 'tp.events.resolved.v1', '--from', 'beginning', '--format', 'ndjson', '--profile', profileId]);

    const rebuildMs = median(rebuild.map((r) => r.ms));
    process.stdout.write(`\njourney rebuild of one profile (${firstLine} of its events) from ${events} events on ${PARTITIONS} partitions, ${runs} runs:\n`);
    process.stdout.write(`  median ${rebuildMs.toFixed(0)} ms, min ${Math.min(...rebuild.map((r) => r.ms)).toFixed(0)} ms, max ${Math.max(...rebuild.map((r) => r.ms)).toFixed(0)} ms (target < ${TARGET_MS} ms: ${rebuildMs < TARGET_MS ? 'met' : 'NOT met'})\n`);
    process.stdout.write(`  of which process start (touchpoint --help): median ${median(floor).toFixed(0)} ms\n`);
    process.stdout.write(`  replay --profile of the same customer to ndjson: ${whole.ms.toFixed(0)} ms, ${whole.stdout.split('\n').filter(Boolean).length} records\n`);
    process.stdout.write(`  machine load (1 min) at the end: ${os.loadavg()[0]?.toFixed(2) ?? '?'}\n`);
  } finally {
    await identity.close();
    await broker?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
