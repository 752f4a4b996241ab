import { differences } from './view-differences';

describe('differences', () => {
  it('lists every differing leaf by path, arrays compared whole, missing sides as null', () => {
    expect(
      differences(
        { summary: { stage: 'action', audiences: ['a', 'b'] }, products: { jacket: { unitsOwned: 0 } } },
        { summary: { stage: 'action', audiences: ['a'] }, products: { jacket: { unitsOwned: 1 }, boots: { unitsOwned: 0 } } },
      ),
    ).toEqual([
      { path: 'products.boots', live: null, rebuilt: { unitsOwned: 0 } },
      { path: 'products.jacket.unitsOwned', live: 0, rebuilt: 1 },
      { path: 'summary.audiences', live: ['a', 'b'], rebuilt: ['a'] },
    ]);
  });

  it('finds nothing between equal values whatever their key order', () => {
    expect(differences({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
  });
});
