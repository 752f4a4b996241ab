import type { ConsumerSettings } from '@touchpoint/config';
import type { ErrorCode } from '@touchpoint/contracts';
import type { Classification } from './failure-classification';
import { backoffDelay, backoffGrows } from './retry-backoff';

/** Where the retries of the message at the head of one partition stand. */
export interface RetryState {
  readonly offset: string;
  /** Failed attempts so far. */
  readonly failures: number;
  readonly firstFailureAt: number;
  /** When the first unclassified failure happened; dependency failures do not start the clock. */
  readonly unclassifiedSince: number | null;
  /** Backoff step of the wait that follows the latest failure. */
  readonly step: number;
  readonly retryAt: number;
  readonly last: Classification;
  readonly announcedAt: number;
}

export type RetryDecision =
  | { readonly action: 'dead-letter'; readonly code: ErrorCode }
  | {
      readonly action: 'wait';
      readonly state: RetryState;
      readonly delayMs: number;
      /** Whether this failure deserves a log line: the first, another kind of failure, a growing backoff, or a reminder. */
      readonly announce: boolean;
    };

/** While a partition sits at the cap, one reminder line per this period, not one per attempt. */
export const REMINDER_MS = 60_000;

/**
 * Decides what follows a failed attempt at the message at `offset`, given how its earlier
 * attempts went (`previous`, null for the first failure): a permanent failure is dead-lettered
 * at once, an unclassified one once it kept failing for `unclassifiedRetryMs`, a dependency
 * failure never; everything else waits with capped exponential backoff.
 */
export function decideAfterFailure(
  previous: RetryState | null,
  offset: string,
  failure: Classification,
  settings: Pick<ConsumerSettings, 'unclassifiedRetryMs' | 'backoff'>,
  now: number,
  random: () => number = Math.random,
): RetryDecision {
  if (failure.kind === 'permanent') return { action: 'dead-letter', code: failure.code };
  const earlier = previous?.offset === offset ? previous : null;
  const unclassifiedSince = failure.kind === 'unclassified' ? (earlier?.unclassifiedSince ?? now) : (earlier?.unclassifiedSince ?? null);
  if (failure.kind === 'unclassified' && unclassifiedSince !== null && now - unclassifiedSince >= settings.unclassifiedRetryMs) {
    return { action: 'dead-letter', code: failure.code };
  }

  const step = earlier ? earlier.step + 1 : 0;
  const delayMs = backoffDelay(step, settings.backoff, random);
  const changed = !earlier || earlier.last.kind !== failure.kind;
  const announce = changed || backoffGrows(step, settings.backoff) || now - earlier.announcedAt >= REMINDER_MS;
  return {
    action: 'wait',
    delayMs,
    announce,
    state: {
      offset,
      failures: (earlier?.failures ?? 0) + 1,
      firstFailureAt: earlier?.firstFailureAt ?? now,
      unclassifiedSince,
      step,
      retryAt: now + delayMs,
      last: failure,
      announcedAt: announce ? now : (earlier?.announcedAt ?? now),
    },
  };
}
