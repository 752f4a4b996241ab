import { carted } from '../testing/journey-view';
import { changed } from '../testing/transitions';
import { applyToView, emptyRecommendationView } from '../recommendation-view/recommendation-view';
import { clockRetargeting, emptyRetargetingClock } from './retargeting-clock';

const PROFILE = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const policy = { maxProducts: 2, expiryMs: 1_000, cooldownMs: 5_000 };
const viewWith = (revision: number) => applyToView(emptyRecommendationView, changed(PROFILE, `m-${revision}`, { a: carted(), b: carted(), c: carted() }, { revision }));

describe('clockRetargeting', () => {
  it('retargets at most maxProducts, the longest running first, and says when the first expiry falls due', () => {
    const first = clockRetargeting(['a', 'b', 'c'], [], viewWith(1), emptyRetargetingClock, policy, 0);
    expect(first.retargeting).toEqual(['a', 'b']);
    expect(first.nextDueAt).toBe(1_000);
    const later = clockRetargeting(['a', 'b', 'c'], ['b'], viewWith(1), { since: { b: 0 }, expired: {} }, policy, 500);
    expect(later.retargeting).toEqual(['a', 'b']);
    expect(later.clock.since).toEqual({ a: 500, b: 0 });
  });

  it('expires a product retargeted too long, and retargets it again only after the customer acts on it and the cool-down passed', () => {
    const view = viewWith(1);
    const started = clockRetargeting(['a'], [], view, emptyRetargetingClock, policy, 0);
    const expired = clockRetargeting(['a'], started.retargeting, view, started.clock, policy, 1_000);
    expect(expired.retargeting).toEqual([]);
    expect([...expired.expiring]).toEqual(['a']);
    expect(expired.nextDueAt).toBeNull(); // quiet: nothing more to do
    // Still nothing from the customer: not again, however long.
    expect(clockRetargeting(['a'], [], view, expired.clock, policy, 100_000).retargeting).toEqual([]);
    // The customer carts it again: after the cool-down only.
    const again = viewWith(2);
    const cooling = clockRetargeting(['a'], [], again, expired.clock, policy, 2_000);
    expect(cooling.retargeting).toEqual([]);
    expect(cooling.nextDueAt).toBe(6_000);
    expect(clockRetargeting(['a'], [], again, cooling.clock, policy, 6_000).retargeting).toEqual(['a']);
  });
});
