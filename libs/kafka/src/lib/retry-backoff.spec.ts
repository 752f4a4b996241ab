import fc from 'fast-check';
import { backoffDelay, backoffGrows } from './retry-backoff';

const policy = { initialMs: 200, maxMs: 5_000 };

describe('backoffDelay', () => {
  it('doubles from the first delay and stops at the cap', () => {
    const top = (step: number) => backoffDelay(step, policy, () => 1);
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(top)).toEqual([200, 400, 800, 1_600, 3_200, 5_000, 5_000, 5_000]);
  });

  it('keeps at least half of the ceiling, whatever the jitter draws', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(100);
    expect(backoffDelay(9, policy, () => 0)).toBe(2_500);
  });

  it('stays within [ceiling / 2, ceiling] for every step and draw', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (step, draw) => {
        const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(step, 30));
        const delay = backoffDelay(step, policy, () => draw);
        return delay >= Math.floor(ceiling / 2) && delay <= ceiling;
      }),
    );
  });
});

describe('backoffGrows', () => {
  it('is true until the step that reaches the cap, then false', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((step) => backoffGrows(step, policy))).toEqual([true, true, true, true, true, true, false, false]);
  });
});
