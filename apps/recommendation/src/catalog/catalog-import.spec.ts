import { TouchpointError } from '@touchpoint/contracts';
import { readCatalogCsv, readCatalogJson } from './catalog-import';

describe('catalog import', () => {
  it('reads JSON products with defaults, and reports each bad row with its field, importing the rest', () => {
    const read = readCatalogJson({
      products: [
        { productId: 'jacket-42', name: 'Rain jacket', category: 'outerwear', price: 129.95, currency: 'eur', accessories: ['gloves-7'] },
        { productId: 'bad', name: 'No price', category: 'x', currency: 'EUR' },
        { productId: 'jacket-42', name: 'Again', category: 'outerwear', price: 1, currency: 'EUR' },
      ],
    });
    expect(read.products).toEqual([
      { productId: 'jacket-42', name: 'Rain jacket', category: 'outerwear', price: 129.95, currency: 'EUR', accessories: ['gloves-7'], complements: [], inStock: true, consumable: false, active: true },
    ]);
    expect(read.rejected).toEqual([
      { row: 2, path: 'price', message: expect.any(String) },
      { row: 3, path: 'productId', message: 'product jacket-42 is on row 1 already' },
    ]);
  });

  it('refuses a body that is not {products: [...]} as a whole', () => {
    expect(() => readCatalogJson([{ productId: 'x' }])).toThrow(TouchpointError);
  });

  it('reads CSV with lists and flags, naming the line of a bad row', () => {
    const read = readCatalogCsv(
      ['productId,name,category,price,currency,accessories,inStock,consumable', 'boots-11,Leather boots,footwear,149,EUR,socks-2;polish-5,no,', 'socks-2,Socks,accessories,abc,EUR,,yes,true', 'polish-5,Polish,care,9.95,EUR,,maybe,1'].join('\n'),
    );
    expect(read.products).toEqual([expect.objectContaining({ productId: 'boots-11', accessories: ['socks-2', 'polish-5'], inStock: false, consumable: false })]);
    expect(read.rejected).toEqual([
      { row: 3, path: 'price', message: expect.any(String) },
      { row: 4, path: 'inStock', message: expect.any(String) },
    ]);
  });

  it('refuses a CSV with unknown or missing columns, naming them', () => {
    expect(() => readCatalogCsv('productId,name,colour\nx,y,z')).toThrow(/missing category.*unknown colour/);
  });
});
