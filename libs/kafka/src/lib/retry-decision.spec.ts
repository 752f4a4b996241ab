import type { Classification } from './failure-classification';
import { decideAfterFailure, REMINDER_MS, type RetryDecision, type RetryState } from './retry-decision';

const settings = { attemptTimeoutMs: 1_000, unclassifiedRetryMs: 10_000, backoff: { initialMs: 100, maxMs: 1_000 } };
const redisDown: Classification = { kind: 'dependency', code: 'TP_CONSUMER_HANDLER_FAILED', cause: 'ECONNREFUSED 127.0.0.1:6379' };
const bug: Classification = { kind: 'unclassified', code: 'TP_CONSUMER_HANDLER_FAILED', cause: 'TypeError: x is undefined' };
const noId: Classification = { kind: 'permanent', code: 'TP_IDENTITY_NO_IDENTIFIER', cause: 'no identifier' };
const top = () => 1;

/** Fails `failure` at `times` (ms) for the message at offset "7", each attempt seeing the state the previous one left. */
function failAt(times: readonly number[], failure: (at: number) => Classification): RetryDecision[] {
  const decisions: RetryDecision[] = [];
  let state: RetryState | null = null;
  for (const at of times) {
    const decision = decideAfterFailure(state, '7', failure(at), settings, at, top);
    decisions.push(decision);
    state = decision.action === 'wait' ? decision.state : null;
  }
  return decisions;
}

describe('decideAfterFailure', () => {
  it('dead-letters a permanent failure at once, under its code', () => {
    expect(decideAfterFailure(null, '7', noId, settings, 0)).toEqual({ action: 'dead-letter', code: 'TP_IDENTITY_NO_IDENTIFIER' });
  });

  it('never dead-letters a dependency failure, however long it lasts, and backs off up to the cap', () => {
    const times = Array.from({ length: 200 }, (_, i) => i * 1_000);
    const decisions = failAt(times, () => redisDown);
    expect(decisions.every((d) => d.action === 'wait')).toBe(true);
    expect(decisions.slice(0, 6).map((d) => (d.action === 'wait' ? d.delayMs : -1))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    const last = decisions[decisions.length - 1];
    expect(last.action === 'wait' && last.state).toMatchObject({ failures: 200, firstFailureAt: 0, unclassifiedSince: null });
  });

  it('announces the first failure and each growth of the backoff, then one reminder a minute at the cap', () => {
    const times = Array.from({ length: 150 }, (_, i) => i * 1_000);
    const announcedAt = failAt(times, () => redisDown).flatMap((d, i) => (d.action === 'wait' && d.announce ? [times[i]] : []));
    // Steps 0-4 grow (100 ms .. 1 s), then the cap: reminders at 60 s and 120 s after the last announcement.
    expect(announcedAt).toEqual([0, 1_000, 2_000, 3_000, 4_000, 4_000 + REMINDER_MS, 4_000 + 2 * REMINDER_MS]);
  });

  it('retries an unclassified failure for the configured time, then dead-letters it', () => {
    const decisions = failAt([0, 3_000, 6_000, 9_999, 10_000], () => bug);
    expect(decisions.map((d) => d.action)).toEqual(['wait', 'wait', 'wait', 'wait', 'dead-letter']);
    expect(decisions[4]).toEqual({ action: 'dead-letter', code: 'TP_CONSUMER_HANDLER_FAILED' });
  });

  it('starts the unclassified clock at the first unclassified failure, not at a dependency failure before it', () => {
    const decisions = failAt([0, 5_000, 8_000, 14_000, 15_000], (at) => (at < 8_000 ? redisDown : bug));
    expect(decisions.map((d) => d.action)).toEqual(['wait', 'wait', 'wait', 'wait', 'wait']);
    expect(failAt([0, 8_000, 18_000], (at) => (at === 0 ? redisDown : bug)).map((d) => d.action)).toEqual(['wait', 'wait', 'dead-letter']);
  });

  it('dead-letters an unclassified failure on its first attempt when the bound is zero', () => {
    expect(decideAfterFailure(null, '7', bug, { ...settings, unclassifiedRetryMs: 0 }, 0).action).toBe('dead-letter');
  });

  it('starts over for another offset: the state of the message before does not carry', () => {
    const first = decideAfterFailure(null, '7', bug, settings, 0, top);
    const previous = first.action === 'wait' ? first.state : null;
    const next = decideAfterFailure(previous, '8', bug, settings, 50_000, top);
    expect(next.action === 'wait' && next.state).toMatchObject({ offset: '8', failures: 1, firstFailureAt: 50_000, step: 0 });
  });
});
