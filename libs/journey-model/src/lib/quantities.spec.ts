import { days, iso, minutes, onlineOrder, storeReturn, storeSale, track, viewOf } from '../testing/journey-fixtures';

describe('quantities, returns and refunds', () => {
  it('keeps a product owned after a partial return: 2 bought, 1 returned', () => {
    const view = viewOf([storeSale('store-a', 'T1', [['jacket', 2, 100]], days(0)), storeReturn('store-a', 'R1', 'T1', [['jacket', 1, 100]], days(2))]);
    expect(view.products['jacket']).toMatchObject({ unitsBought: 2, unitsReturned: 1, unitsOwned: 1, lastReturnAt: iso(days(2)) });
    expect(view.summary.stage).toBe('action');
    expect(view.summary.trailingSpend).toBe(100);
  });

  it('refunds the whole order when the refund names no products', () => {
    const view = viewOf([onlineOrder('1001', [['jacket', 1, 120], ['scarf', 2, 15]], days(0)), track('Order Refunded', { order_id: '1001' }, days(3))]);
    expect(view.products['jacket']).toMatchObject({ unitsBought: 1, unitsReturned: 1, unitsOwned: 0, lastReturnAt: iso(days(3)) });
    expect(view.products['scarf']).toMatchObject({ unitsBought: 2, unitsReturned: 2, unitsOwned: 0 });
    expect(view.summary).toMatchObject({ stage: 'awareness', tier: 'prospect', trailingSpend: 0 });
  });

  it('links a refund that sorts before its order (the sale arrives with an earlier-looking clock)', () => {
    const refundFirst = [track('Order Refunded', { order_id: '1001' }, days(1)), onlineOrder('1001', [['jacket', 1, 120]], days(2))];
    const view = viewOf(refundFirst);
    expect(view.products['jacket']).toMatchObject({ unitsBought: 1, unitsReturned: 1, unitsOwned: 0, lastReturnAt: iso(days(1)) });
    expect(view.summary.tier).toBe('prospect');
  });

  it('returns the lines of a refund whose order is not known, and never owns fewer than none', () => {
    const view = viewOf([storeReturn('store-a', 'R1', 'T-unknown', [['jacket', 1, 100]], days(1))]);
    expect(view.products['jacket']).toMatchObject({ unitsBought: 0, unitsReturned: 1, unitsOwned: 0 });
    // The sale turns up later in the log, timed before the return: now they cancel out.
    const withSale = viewOf([storeReturn('store-a', 'R1', 'T-unknown', [['jacket', 1, 100]], days(1)), storeSale('store-a', 'T-unknown', [['jacket', 2, 100]], days(0))]);
    expect(withSale.products['jacket']).toMatchObject({ unitsBought: 2, unitsReturned: 1, unitsOwned: 1 });
  });

  it('counts units once when a lineless refund follows a partial return of the same order', () => {
    const view = viewOf([
      onlineOrder('1001', [['jacket', 3, 50]], days(0)),
      track('Order Refunded', { order_id: '1001', products: [{ product_id: 'jacket', quantity: 1, price: 50 }] }, days(1)),
      track('Order Refunded', { order_id: '1001' }, days(2)),
    ]);
    expect(view.products['jacket']).toMatchObject({ unitsBought: 3, unitsReturned: 3, unitsOwned: 0 });
  });

  it('counts an order once when it is sent again under another messageId', () => {
    const order = onlineOrder('1001', [['jacket', 1, 120]], days(0));
    const again = { ...onlineOrder('1001', [['jacket', 1, 120]], days(0) + 5) };
    const view = viewOf([order, again]);
    expect(view.products['jacket']).toMatchObject({ unitsBought: 1 });
    expect(view.summary.stageRule).toBe('action: 1 order');
  });

  it('moves cart units with adds and removes, never below none, and empties the cart on purchase', () => {
    const added = [track('Product Added', { product_id: 'jacket', quantity: 2 }, minutes(0)), track('Product Removed', { product_id: 'jacket', quantity: 1 }, minutes(1))];
    expect(viewOf(added).products['jacket']).toMatchObject({ unitsInCart: 1, cartAbandoned: false });
    expect(viewOf([...added, track('Product Removed', { product_id: 'jacket', quantity: 5 }, minutes(2))]).products['jacket'].unitsInCart).toBe(0);
    expect(viewOf([...added, track('Product Removed', { product_id: 'jacket' }, minutes(2))]).products['jacket'].unitsInCart).toBe(0);
    expect(viewOf([...added, storeSale('store-a', 'T1', [['jacket', 1, 100]], minutes(3))]).products['jacket']).toMatchObject({ unitsInCart: 0, unitsOwned: 1, lastPurchaseChannel: 'store' });
  });

  it('reads product ids given as numbers and ignores lines without one', () => {
    const view = viewOf([track('Order Completed', { order_id: 7, products: [{ product_id: 42, quantity: 2, price: 5 }, { name: 'no id' }] }, days(0))]);
    expect(Object.keys(view.products)).toEqual(['42']);
    expect(view.products['42'].unitsBought).toBe(2);
    expect(view.summary.trailingSpend).toBe(10);
  });
});
