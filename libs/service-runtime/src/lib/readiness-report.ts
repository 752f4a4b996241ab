import { NotReadyError } from './readiness-probe';

/** What one probe answered, or why it did not. */
export type ProbeOutcome =
  | { readonly name: string; readonly critical: boolean; readonly status: 'up' }
  | { readonly name: string; readonly critical: boolean; readonly status: 'down'; readonly error: unknown };

export interface ProbeState {
  readonly status: 'up' | 'down';
  /** Present only on non-critical probes, so the usual entry stays `{ status: 'up' }`. */
  readonly critical?: false;
  readonly reason?: string;
  readonly details?: unknown;
}

/**
 * `/health/ready`'s body, in the shape load balancers and people already read: `status`,
 * `info` (what is up), `error` (what keeps the instance out of rotation) and `details`
 * (every probe, non-critical ones included with `critical: false`).
 */
export interface ReadinessReport {
  readonly status: 'ok' | 'error';
  readonly info: Readonly<Record<string, ProbeState>>;
  readonly error: Readonly<Record<string, ProbeState>>;
  readonly details: Readonly<Record<string, ProbeState>>;
}

function stateOf(outcome: ProbeOutcome): ProbeState {
  const critical = outcome.critical ? {} : { critical: false as const };
  if (outcome.status === 'up') return { status: 'up', ...critical };
  const { error } = outcome;
  const reason = error instanceof Error ? error.message : String(error);
  return { status: 'down', ...critical, reason, ...(error instanceof NotReadyError ? { details: error.details } : {}) };
}

/** Ready while every critical probe is up; a non-critical probe only reports. */
export function readinessReport(outcomes: readonly ProbeOutcome[]): ReadinessReport {
  const info: Record<string, ProbeState> = {};
  const error: Record<string, ProbeState> = {};
  const details: Record<string, ProbeState> = {};
  for (const outcome of outcomes) {
    const state = stateOf(outcome);
    details[outcome.name] = state;
    if (state.status === 'up') info[outcome.name] = state;
    else if (outcome.critical) error[outcome.name] = state;
  }
  return { status: Object.keys(error).length === 0 ? 'ok' : 'error', info, error, details };
}
