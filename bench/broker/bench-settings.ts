/**
 * The broker bench's knobs: a --name=value argument, else a BENCH_* environment variable,
 * else the default (read the same way as every bench, through bench/shared/settings.ts).
 */
import path from 'node:path';
import { argValue, intSetting } from '../shared/settings';
import { type BrokerKind, BROKER_KINDS } from './broker-target';

export type ProduceMode = 'send' | 'sendBatch';

export interface Settings {
  /** The brokers to measure, one after the other, in this order. */
  readonly brokers: readonly BrokerKind[];
  /** Times the brokers take turns; the figures are then medians over the rounds. */
  readonly rounds: number;
  readonly messages: number;
  /** 100-message batches in flight at once. */
  readonly concurrency: number;
  readonly mode: ProduceMode;
  readonly warmupMessages: number;
  /** Also run the raw (pre-encoded, no kafkajs) produce phase that shows the broker's own ceiling. */
  readonly raw: boolean;
  readonly cpuProf: boolean;
  readonly out: string;
  readonly timeoutMs: number;
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

function produceMode(raw: string): ProduceMode {
  if (raw === 'send' || raw === 'sendBatch') return raw;
  throw new Error(`--mode / BENCH_MODE must be send or sendBatch, got "${raw}"`);
}

function brokerKinds(raw: string): BrokerKind[] {
  const names = raw.split(',').map((name) => name.trim()).filter(Boolean);
  const kinds = names.filter((name): name is BrokerKind => (BROKER_KINDS as readonly string[]).includes(name));
  if (names.length === 0 || kinds.length !== names.length || new Set(kinds).size !== kinds.length) {
    throw new Error(`--brokers / BENCH_BROKERS must list ${BROKER_KINDS.join(' and/or ')} once each, comma-separated, got "${raw}"`);
  }
  return kinds;
}

export function readSettings(): Settings {
  const env = (name: string): string => (process.env[name] ?? '').toLowerCase();
  return {
    brokers: brokerKinds(argValue('brokers') ?? process.env['BENCH_BROKERS'] ?? BROKER_KINDS.join(',')),
    rounds: intSetting('rounds', 'BENCH_ROUNDS', 1, 1),
    messages: intSetting('messages', 'BENCH_MESSAGES', 200_000, 1),
    concurrency: intSetting('concurrency', 'BENCH_CONCURRENCY', 8, 1),
    mode: produceMode(argValue('mode') ?? process.env['BENCH_MODE'] ?? 'send'),
    warmupMessages: intSetting('warmup', 'BENCH_WARMUP', 10_000, 0),
    raw: !(process.argv.includes('--no-raw') || ['0', 'false', 'no'].includes(env('BENCH_RAW'))),
    cpuProf: process.argv.includes('--cpu-prof') || ['1', 'true', 'yes'].includes(env('BENCH_CPU_PROF')),
    out: path.resolve(REPO_ROOT, argValue('out') ?? process.env['BENCH_OUT'] ?? path.join('tmp', 'bench', 'broker.json')),
    timeoutMs: intSetting('timeout-ms', 'BENCH_TIMEOUT_MS', 300_000, 1_000),
  };
}
