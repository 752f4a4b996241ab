/** Capped exponential backoff between attempts at one message. */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

/**
 * The wait before attempt `step + 1` (step 0 follows the first failure): `initialMs * 2^step`,
 * capped at `maxMs`, of which the upper half is random ("equal jitter"). Jitter keeps the
 * instances that all lost Redis at once from all retrying at the same instant when it returns;
 * the fixed half keeps the wait from collapsing to nothing.
 */
export function backoffDelay(step: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(step, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Whether the wait of `step` is still growing; logs name each growth once, then stay quiet at the cap. */
export function backoffGrows(step: number, policy: BackoffPolicy): boolean {
  return step === 0 || policy.initialMs * 2 ** Math.min(step - 1, 30) < policy.maxMs;
}
