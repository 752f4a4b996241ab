import { CoOccurrence } from './co-occurrence';

const DAY = 86_400_000;

describe('CoOccurrence', () => {
  it('ranks what is bought together, recent baskets weighing more', () => {
    const signals = new CoOccurrence(30 * DAY);
    signals.add('bought_together', ['jacket', 'gloves'], 0);
    signals.add('bought_together', ['jacket', 'gloves'], 0);
    signals.add('bought_together', ['jacket', 'scarf'], 100 * DAY);
    const now = 100 * DAY;
    expect(signals.top('bought_together', 'jacket', 5, now).map((s) => s.productId)).toEqual(['scarf', 'gloves']);
    expect(signals.top('bought_together', 'jacket', 5, 0)[0]).toEqual({ productId: 'gloves', score: 2 });
    expect(signals.top('viewed_together', 'jacket', 5, now)).toEqual([]);
  });

  it('gives the same scores whatever order the counts arrive in', () => {
    const a = new CoOccurrence(10 * DAY);
    const b = new CoOccurrence(10 * DAY);
    a.add('viewed_together', ['x', 'y'], 5 * DAY);
    a.add('viewed_together', ['x', 'y'], 1 * DAY);
    b.add('viewed_together', ['x', 'y'], 1 * DAY);
    b.add('viewed_together', ['x', 'y'], 5 * DAY);
    expect(a.top('viewed_together', 'x', 1, 9 * DAY)[0].score).toBeCloseTo(b.top('viewed_together', 'x', 1, 9 * DAY)[0].score, 10);
  });

  it('knows what is popular, filtered', () => {
    const signals = new CoOccurrence(30 * DAY);
    signals.add('bought_together', ['a', 'b'], 0);
    signals.add('bought_together', ['a'], 0);
    expect(signals.popular(2, 0).map((s) => s.productId)).toEqual(['a', 'b']);
    expect(signals.popular(2, 0, (id) => id !== 'a').map((s) => s.productId)).toEqual(['b']);
  });
});
