/**
 * The figures a phase yields: throughput over its timed span and latency percentiles.
 */
import { MB } from './workload';

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export interface LatencyFigures {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** Nearest-rank percentiles. */
export function latencyFigures(samples: readonly number[]): LatencyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  const mean = sorted.reduce((sum, v) => sum + v, 0) / Math.max(1, sorted.length);
  return { p50: round(at(50), 2), p99: round(at(99), 2), max: round(sorted[sorted.length - 1] ?? Number.NaN, 2), mean: round(mean, 2) };
}

export interface Throughput {
  readonly messages: number;
  readonly valueBytes: number;
  readonly seconds: number;
  readonly msgsPerSec: number;
  readonly mbPerSec: number;
}

export function throughput(messages: number, valueBytes: number, seconds: number): Throughput {
  return { messages, valueBytes, seconds: round(seconds, 3), msgsPerSec: Math.round(messages / seconds), mbPerSec: round(valueBytes / MB / seconds, 1) };
}
