import { DAY, days, definitionsWith, fold, onlineOrder, storeReturn, storeSale, track, viewOf } from '../testing/journey-fixtures';
import { deriveJourney } from './derive';
import { applyEntry } from './apply-entry';
import { tickEntry } from './entries';
import { nextDueAt } from './next-due';

const tierOf = (items: Parameters<typeof viewOf>[0]) => {
  const { summary } = viewOf(items);
  return [summary.tier, summary.trailingSpend, summary.tierRule];
};

describe('spend tier', () => {
  it('is prospect without any net purchase', () => {
    expect(tierOf([track('Product Viewed', { product_id: 'jacket' }, days(0))])).toEqual(['prospect', 0, 'prospect: no purchase yet']);
    expect(tierOf([onlineOrder('1', [['jacket', 1, 300]], days(0)), track('Order Refunded', { order_id: '1' }, days(1))])).toEqual([
      'prospect',
      0,
      'prospect: no purchase kept (1 order fully refunded)',
    ]);
  });

  it('converts other currencies into the base currency', () => {
    expect(tierOf([onlineOrder('1', [['jacket', 1, 300]], days(0), { currency: 'USD' })])).toEqual(['medium', 276, 'medium: 276.00 EUR in the last 365 days (>= 250)']);
    expect(tierOf([onlineOrder('1', [['jacket', 1, 100]], days(0), { currency: 'GBP' }), onlineOrder('2', [['coat', 1, 900]], days(1))])).toEqual([
      'large',
      1017,
      'large: 1017.00 EUR in the last 365 days (>= 1000)',
    ]);
  });

  it('never adds an amount in a currency without a rate, and says so', () => {
    expect(tierOf([onlineOrder('1', [['jacket', 1, 3000]], days(0), { currency: 'SEK' }), onlineOrder('2', [['scarf', 1, 40]], days(1))])).toEqual([
      'small',
      40,
      'small: 40.00 EUR in the last 365 days (< 250) (1 order in SEK not counted: no rate)',
    ]);
  });

  it('subtracts refunds linked to orders in the window and standalone refunds made in it', () => {
    const partial = [storeSale('store-a', 'T1', [['jacket', 1, 200], ['coat', 1, 300]], days(0)), storeReturn('store-b', 'R1', 'T1', [['coat', 1, 300]], days(2))];
    expect(tierOf(partial)[1]).toBe(200);
    expect(tierOf([...partial, storeReturn('store-b', 'R2', 'T-unknown', [['hat', 1, 50]], days(3))])[1]).toBe(150);
    expect(tierOf([onlineOrder('1', [['jacket', 1, 20]], days(0)), storeReturn('store-b', 'R2', 'T-unknown', [['hat', 1, 50]], days(3))])).toEqual([
      'small',
      0,
      'small: 0.00 EUR in the last 365 days (< 250)',
    ]);
  });

  it('moves down exactly when an order leaves the window, at order time + 365 days', () => {
    const leaves = days(0) + 365 * DAY;
    const longLapse = fold([onlineOrder('1', [['jacket', 1, 300]], days(0)), onlineOrder('2', [['coat', 1, 800]], days(100))], defsWithLongLapse);
    expect(deriveJourney(longLapse, defsWithLongLapse).summary.tier).toBe('large');
    expect(nextDueAt(longLapse, defsWithLongLapse)).toBe(leaves);

    const justBefore = applyEntry(longLapse, tickEntry(leaves - 1), defsWithLongLapse);
    expect(deriveJourney(justBefore, defsWithLongLapse).summary).toMatchObject({ tier: 'large', trailingSpend: 1100 });
    const atBoundary = applyEntry(justBefore, tickEntry(leaves), defsWithLongLapse);
    expect(deriveJourney(atBoundary, defsWithLongLapse).summary).toMatchObject({ tier: 'medium', trailingSpend: 800 });
    expect(nextDueAt(atBoundary, defsWithLongLapse)).toBe(days(100) + 365 * DAY);
  });

  it('schedules the lapse before the window when it comes first, and skips instants that change nothing', () => {
    const state = fold([onlineOrder('1', [['jacket', 1, 300]], days(0)), onlineOrder('2', [['coat', 1, 800]], days(100))]);
    expect(nextDueAt(state, defsFromFile)).toBe(days(100) + 180 * DAY);
    const refunded = fold([onlineOrder('1', [['jacket', 1, 300]], days(0)), track('Order Refunded', { order_id: '1' }, days(1))]);
    expect(nextDueAt(refunded, defsFromFile)).toBeNull();
  });
});

const defsFromFile = definitionsWith(() => undefined);
const defsWithLongLapse = definitionsWith((json) => {
  (json['lapsed'] as Record<string, unknown>)['afterDays'] = 1000;
});
