import { defs, fold, minutes, track, viewOf } from '../testing/journey-fixtures';
import { applyEntry } from './apply-entry';
import { deriveJourney } from './derive';
import { diffViews } from './diff';
import { tickEntry } from './entries';

describe('view diffs', () => {
  const viewed = [track('Product Viewed', { product_id: 'scarf' }, minutes(0)), track('Product Viewed', { product_id: 'jacket' }, minutes(1))];

  it('is null for identical views and for a tick that changes nothing', () => {
    const state = fold(viewed);
    expect(diffViews(deriveJourney(state, defs), viewOf(viewed))).toBeNull();
    expect(diffViews(deriveJourney(state, defs), deriveJourney(applyEntry(state, tickEntry(minutes(5)), defs), defs))).toBeNull();
  });

  it('lists every product of a first view, sorted by product id', () => {
    expect(diffViews(null, viewOf(viewed))).toMatchObject({ summaryChanged: true, products: [{ productId: 'jacket', before: null }, { productId: 'scarf', before: null }] });
  });

  it('lists only the products whose status changed', () => {
    const carted = [...viewed, track('Product Added', { product_id: 'scarf' }, minutes(2))];
    const change = diffViews(viewOf(carted), viewOf([...carted, track('Product Added', { product_id: 'scarf' }, minutes(3))]));
    expect(change?.summaryChanged).toBe(false);
    expect(change?.products.map((product) => [product.productId, product.before?.unitsInCart, product.after?.unitsInCart])).toEqual([['scarf', 1, 2]]);
  });

  it('reports a product that left the view with after null', () => {
    const before = viewOf(viewed);
    const after = { ...before, products: { scarf: before.products['scarf'] } };
    expect(diffViews(before, after)?.products).toEqual([{ productId: 'jacket', before: before.products['jacket'], after: null }]);
  });
});
