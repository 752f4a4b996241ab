/**
 * Messages between the bench (parent) and the broker child over the IPC channel.
 *
 *   child -> parent  ready                        once listening
 *   parent -> child  usage                        -> usage (CPU and event-loop time so far)
 *   parent -> child  profile-start                -> profile-started (inspector CPU profiler on)
 *   parent -> child  profile-stop { file }        -> profile-written { file }
 */

export interface BrokerReady {
  readonly type: 'ready';
  readonly address: string;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly pid: number;
}

/** CPU time and event-loop busy/idle time of one process, all cumulative since it started. */
export interface UsageSample {
  readonly cpuSeconds: number;
  readonly eventLoopActiveMs: number;
  readonly eventLoopIdleMs: number;
}

export type ParentMessage = { readonly type: 'usage' } | { readonly type: 'profile-start' } | { readonly type: 'profile-stop'; readonly file: string };

export type ChildMessage =
  | BrokerReady
  | { readonly type: 'usage'; readonly usage: UsageSample }
  | { readonly type: 'profile-started' }
  | { readonly type: 'profile-written'; readonly file: string }
  | { readonly type: 'error'; readonly message: string };

export function usageSample(): UsageSample {
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  return { cpuSeconds: (cpu.user + cpu.system) / 1e6, eventLoopActiveMs: elu.active, eventLoopIdleMs: elu.idle };
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

export function isParentMessage(value: unknown): value is ParentMessage {
  const v = record(value);
  if (!v) return false;
  return v['type'] === 'usage' || v['type'] === 'profile-start' || (v['type'] === 'profile-stop' && typeof v['file'] === 'string');
}

export function isChildMessage(value: unknown): value is ChildMessage {
  const v = record(value);
  if (!v) return false;
  switch (v['type']) {
    case 'ready':
      return typeof v['address'] === 'string' && typeof v['host'] === 'string' && typeof v['port'] === 'number' && typeof v['dataDir'] === 'string' && typeof v['pid'] === 'number';
    case 'usage': {
      const usage = record(v['usage']);
      return usage !== null && typeof usage['cpuSeconds'] === 'number' && typeof usage['eventLoopActiveMs'] === 'number' && typeof usage['eventLoopIdleMs'] === 'number';
    }
    case 'profile-started':
      return true;
    case 'profile-written':
      return typeof v['file'] === 'string';
    case 'error':
      return typeof v['message'] === 'string';
    default:
      return false;
  }
}
