/**
 * How busy a process was during a phase, from two cumulative samples taken around it.
 */
import { type UsageSample } from './ipc';
import { round } from './figures';

/** Cumulative CPU time of a process, and its main event loop's busy and idle time where it has one. */
export interface LoadSample {
  /** null when the platform does not expose the process's CPU time. */
  readonly cpuSeconds: number | null;
  /** null for a process without a Node event loop (the JVM). */
  readonly eventLoop: { readonly activeMs: number; readonly idleMs: number } | null;
}

export interface ProcessLoad {
  /** CPU seconds per wall-clock second, all threads (1.0 = one core busy). */
  readonly cpu: number | null;
  /** Share of the time the main thread's event loop was busy (1.0 = saturated). */
  readonly eventLoop: number | null;
}

export function nodeLoadSample(usage: UsageSample): LoadSample {
  return { cpuSeconds: usage.cpuSeconds, eventLoop: { activeMs: usage.eventLoopActiveMs, idleMs: usage.eventLoopIdleMs } };
}

export function processLoad(before: LoadSample, after: LoadSample, wallSeconds: number): ProcessLoad {
  const cpu = before.cpuSeconds !== null && after.cpuSeconds !== null ? round((after.cpuSeconds - before.cpuSeconds) / wallSeconds, 2) : null;
  if (!before.eventLoop || !after.eventLoop) return { cpu, eventLoop: null };
  const active = after.eventLoop.activeMs - before.eventLoop.activeMs;
  const idle = after.eventLoop.idleMs - before.eventLoop.idleMs;
  return { cpu, eventLoop: round(active / Math.max(1e-9, active + idle), 2) };
}

/** `cpu / event loop`, with "-" for a figure that does not apply. */
export function formatLoad(load: ProcessLoad): string {
  return `${load.cpu?.toFixed(2) ?? '-'} / ${load.eventLoop?.toFixed(2) ?? '-'}`;
}
