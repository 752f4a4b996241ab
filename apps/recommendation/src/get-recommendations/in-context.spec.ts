import { SeedCatalog } from '../catalog/seed-catalog';
import { boughtInStore, returned } from '../testing/journey-view';
import { inContext } from './in-context';

const catalog = new SeedCatalog();
const told = [
  { productId: 'gloves-7', rank: 1, reason: 'accessory_of_purchase' as const, becauseOf: 'jacket-42' },
  { productId: 'scarf-3', rank: 2, reason: 'accessory_of_purchase' as const, becauseOf: 'jacket-42' },
];

describe('inContext', () => {
  it('is the told list, cut to the limit, without a context', () => {
    expect(inContext(told, {}, null, catalog, 1)).toEqual([told[0]]);
  });

  it("puts the page product's accessories first, leaves the product out, ranks again and keeps each product once", () => {
    expect(inContext(told, {}, 'jacket-42', catalog, 10).map((i) => [i.productId, i.rank, i.reason])).toEqual([
      ['gloves-7', 1, 'accessory_of_context'],
      ['scarf-3', 2, 'accessory_of_context'],
      ['beanie-9', 3, 'accessory_of_context'],
    ]);
    expect(inContext([{ productId: 'jacket-42', rank: 1, reason: 'accessory_of_purchase', becauseOf: 'x' }], {}, 'jacket-42', catalog, 10).map((i) => i.productId)).not.toContain('jacket-42');
  });

  it('never suggests what the customer owns (unless consumable) or brought back', () => {
    const bought = boughtInStore('2025-03-01T10:00:00.000Z');
    const products = { 'gloves-7': bought, 'scarf-3': returned(bought, '2025-03-02T10:00:00.000Z'), 'socks-2': bought };
    expect(inContext([], products, 'jacket-42', catalog, 10).map((i) => i.productId)).toEqual(['beanie-9']);
    expect(inContext([], products, 'boots-11', catalog, 10).map((i) => i.productId)).toEqual(['socks-2', 'polish-5']);
  });
});
