import { days, fold, onlineOrder, storeReturn, storeSale, track, viewOf } from '../testing/journey-fixtures';

describe('order keys and refund links', () => {
  it('keeps orders apart across stores and channels even when their ids are the same', () => {
    const state = fold([storeSale('store-a', 'T1', [['jacket', 1, 100]], days(0)), storeSale('store-b', 'T1', [['jacket', 1, 100]], days(1)), onlineOrder('T1', [['jacket', 1, 100]], days(2))]);
    expect(Object.keys(state.orders)).toEqual(['store:store-a:T1', 'store:store-b:T1', 'online:-:T1']);
    expect(viewOf([storeSale('store-a', 'T1', [['jacket', 1, 100]], days(0)), storeSale('store-b', 'T1', [['jacket', 1, 100]], days(1))]).products['jacket'].unitsBought).toBe(2);
  });

  it('keys an order without order_id by its messageId', () => {
    const state = fold([track('Order Completed', { products: [{ product_id: 'jacket' }] }, days(0), { messageId: 'no-id' })]);
    expect(Object.keys(state.orders)).toEqual(['online:-:no-id']);
  });

  it('links a return in another store to the sale it names', () => {
    const view = viewOf([storeSale('store-a', 'T1', [['jacket', 1, 100]], days(0)), storeReturn('store-b', 'R9', 'T1', [['jacket', 1, 100]], days(7))]);
    expect(view.products['jacket']).toMatchObject({ unitsOwned: 0, unitsReturned: 1 });
    expect(view.summary.tier).toBe('prospect');
  });

  const linelessStoreRefund = (storeId: string, originalId: string, at: number) =>
    track('Order Refunded', { order_id: `R-${at}`, original_order_id: originalId }, at, { channel: 'store', storeId });

  it('prefers the order of the same channel and store when several carry the id', () => {
    const sales = [storeSale('store-a', 'T1', [['jacket', 1, 100]], days(0)), storeSale('store-b', 'T1', [['scarf', 1, 20]], days(1)), onlineOrder('T1', [['hat', 1, 30]], days(2))];
    const inStoreB = viewOf([...sales, linelessStoreRefund('store-b', 'T1', days(5))]);
    expect([inStoreB.products['jacket'].unitsOwned, inStoreB.products['scarf'].unitsOwned, inStoreB.products['hat'].unitsOwned]).toEqual([1, 0, 1]);
    const online = viewOf([...sales, track('Order Refunded', { order_id: 'T1' }, days(5))]);
    expect([online.products['jacket'].unitsOwned, online.products['scarf'].unitsOwned, online.products['hat'].unitsOwned]).toEqual([1, 1, 0]);
  });

  it('otherwise links the latest order with the id before the refund, or the earliest when all come after', () => {
    const sales = [storeSale('store-a', 'T1', [['jacket', 1, 100]], days(0)), storeSale('store-b', 'T1', [['scarf', 1, 20]], days(10))];
    const between = viewOf([...sales, linelessStoreRefund('store-c', 'T1', days(5))]);
    expect([between.products['jacket'].unitsOwned, between.products['scarf'].unitsOwned]).toEqual([0, 1]);
    const after = viewOf([...sales, linelessStoreRefund('store-c', 'T1', days(20))]);
    expect([after.products['jacket'].unitsOwned, after.products['scarf'].unitsOwned]).toEqual([1, 0]);
    const before = viewOf([...sales, linelessStoreRefund('store-c', 'T1', days(-1))]);
    expect([before.products['jacket'].unitsOwned, before.products['scarf'].unitsOwned]).toEqual([0, 1]);
  });
});
