import { fold, minutes, onlineOrder, page, storeSale, track, viewOf } from '../testing/journey-fixtures';
import { touchpointsOf, visitsOf } from './timeline';

const viewed = (productId: string, at: number) => track('Product Viewed', { product_id: productId }, at);
const stepsOf = (items: Parameters<typeof fold>[0]) => visitsOf(fold(items)).map((visit) => visit.step).reverse();

describe('visits and webshop steps', () => {
  it('splits visits after a gap longer than 30 minutes, not at exactly 30', () => {
    const state = fold([page('/', minutes(0)), page('/a', minutes(30)), page('/b', minutes(60) + 1), page('/c', minutes(70))]);
    expect(visitsOf(state).map((visit) => [visit.startedAt, visit.lastAt, visit.events]).reverse()).toEqual([
      [new Date(minutes(0)).toISOString(), new Date(minutes(30)).toISOString(), 2],
      [new Date(minutes(60) + 1).toISOString(), new Date(minutes(70)).toISOString(), 2],
    ]);
  });

  it('records the furthest step of each visit', () => {
    expect(stepsOf([page('/', minutes(0))])).toEqual(['arrive']);
    expect(stepsOf([page('/', minutes(0)), viewed('jacket', minutes(1)), viewed('jacket', minutes(2))])).toEqual(['look']);
    expect(stepsOf([viewed('jacket', minutes(1)), viewed('scarf', minutes(2))])).toEqual(['evaluate']);
    expect(stepsOf([page('/', minutes(0)), track('Products Searched', { query: 'jacket' }, minutes(1))])).toEqual(['evaluate']);
    expect(stepsOf([viewed('jacket', minutes(1)), track('Checkout Started', {}, minutes(2)), viewed('scarf', minutes(3))])).toEqual(['choose']);
    expect(stepsOf([track('Product Added', { product_id: 'jacket' }, minutes(1)), onlineOrder('1', [['jacket', 1, 10]], minutes(2))])).toEqual(['buy']);
    // Two products viewed in different visits is not evaluating.
    expect(stepsOf([viewed('jacket', minutes(0)), viewed('scarf', minutes(40))])).toEqual(['look', 'look']);
  });

  it('reports the latest visit step; store events make no visit', () => {
    expect(viewOf([viewed('jacket', minutes(0)), page('/', minutes(45))]).summary.step).toBe('arrive');
    expect(viewOf([storeSale('store-a', 'T1', [['jacket', 1, 100]], minutes(0))]).summary.step).toBeNull();
    expect(stepsOf([page('/', minutes(0)), storeSale('store-a', 'T1', [['jacket', 1, 100]], minutes(10))])).toEqual(['arrive']);
  });

  it('keeps only the latest visits and touchpoints, newest first', () => {
    const state = fold(Array.from({ length: 25 }, (_, i) => page(`/p${i}`, minutes(i * 60))));
    expect(visitsOf(state)).toHaveLength(10);
    expect(visitsOf(state)[0].startedAt).toBe(new Date(minutes(24 * 60)).toISOString());
    expect(touchpointsOf(state)).toHaveLength(20);
    expect(touchpointsOf(state)[0]).toMatchObject({ page: '/p24', event: 'page', channel: 'web', storeId: null });
  });

  it('records store touchpoints with their store', () => {
    const [touchpoint] = touchpointsOf(fold([storeSale('store-a', 'T1', [['jacket', 1, 100]], minutes(0))]));
    expect(touchpoint).toMatchObject({ event: 'Order Completed', channel: 'store', storeId: 'store-a', page: null, messageId: 'store:store-a:T1:order' });
  });
});
