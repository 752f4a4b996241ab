import { journeySummarySchema, productStatusSchema } from '@touchpoint/contracts';
import { DAY, days, defs, fold, MINUTE, minutes, onlineOrder, page, storeSale, track, viewOf } from '../testing/journey-fixtures';
import { deriveJourney } from './derive';
import { nextDueAt } from './next-due';

describe('audiences', () => {
  it('names the stage and the tier, sorted', () => {
    expect(viewOf([page('/', minutes(0))]).summary.audiences).toEqual(['stage:awareness', 'tier:prospect']);
    expect(viewOf([onlineOrder('1', [['jacket', 1, 300]], days(0))]).summary.audiences).toEqual(['stage:action', 'tier:medium']);
  });

  it('abandons a cart after 60 minutes without a purchase of the product in any channel', () => {
    const carted = track('Product Added', { product_id: 'jacket' }, minutes(0));
    expect(nextDueAt(fold([carted]), defs)).toBe(minutes(60));
    expect(viewOf([carted, minutes(60) - 1]).products['jacket'].cartAbandoned).toBe(false);
    const abandoned = viewOf([carted, minutes(60)]);
    expect(abandoned.products['jacket'].cartAbandoned).toBe(true);
    expect(abandoned.summary.audiences).toEqual(['cart_abandoner', 'stage:consideration', 'tier:prospect']);
  });

  it('withdraws the abandonment when a store purchase timed inside the hour arrives later', () => {
    const carted = track('Product Added', { product_id: 'jacket' }, minutes(0));
    expect(viewOf([carted, minutes(61)]).products['jacket'].cartAbandoned).toBe(true);
    // The till's CSV comes in after the timer fired; the refold puts the sale at 10 minutes.
    const refolded = viewOf([carted, minutes(61), storeSale('store-a', 'T1', [['jacket', 1, 100]], minutes(10))]);
    expect(refolded.products['jacket']).toMatchObject({ cartAbandoned: false, unitsInCart: 0, unitsOwned: 1 });
    expect(refolded.summary.audiences).not.toContain('cart_abandoner');
  });

  it('marks a customer lapsed 180 days after the last net purchase', () => {
    const order = onlineOrder('1', [['jacket', 1, 100]], days(0));
    expect(viewOf([order, days(180) - 1]).summary.audiences).not.toContain('lapsed_customer');
    expect(viewOf([order, days(180)]).summary.audiences).toEqual(['lapsed_customer', 'stage:action', 'tier:small']);
    expect(viewOf([order, onlineOrder('2', [['scarf', 1, 10]], days(100)), days(180)]).summary.audiences).not.toContain('lapsed_customer');
    expect(viewOf([page('/', days(0)), days(400)]).summary.audiences).not.toContain('lapsed_customer');
  });

  it('derives summaries and product statuses that match the transition contract', () => {
    const state = fold([
      page('/', minutes(0), { context: { consent: { categoryPreferences: { marketing: true } } } }),
      track('Product Added', { product_id: 'jacket', quantity: 2 }, minutes(1)),
      storeSale('store-a', 'T1', [['scarf', 1, 20]], minutes(2)),
      minutes(2) + 90 * MINUTE,
      days(2) + DAY,
    ]);
    const view = deriveJourney(state, defs);
    expect(journeySummarySchema.parse(view.summary)).toEqual(view.summary);
    for (const status of Object.values(view.products)) expect(productStatusSchema.parse(status)).toEqual(status);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});
