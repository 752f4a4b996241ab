import { MAX_CATALOG_BYTES } from '../http/catalog-body.parser';
import { recommendationSuite } from '../testing/recommendation-suite';

/** A JSON catalog body of exactly `bytes` bytes: no products, the rest padding the schema drops. */
const catalogOfSize = (bytes: number): string => {
  const shell = JSON.stringify({ products: [], padding: '' });
  return JSON.stringify({ products: [], padding: 'x'.repeat(bytes - shell.length) });
};

describe('catalog import body limit', () => {
  const suite = recommendationSuite('catalog_limit');

  it('reads a catalog up to 8 MB, far past the 64 KB the other APIs take', async () => {
    const body = catalogOfSize(MAX_CATALOG_BYTES);
    expect(Buffer.byteLength(body)).toBe(MAX_CATALOG_BYTES);
    const answer = await suite.service.postAdmin('/v1/catalog/products', body, 'application/json');
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ imported: 0 });
  }, 30_000);

  it('refuses a JSON or CSV catalog one byte over with 413 TP_REQUEST_TOO_LARGE', async () => {
    const json = await suite.service.postAdmin('/v1/catalog/products', catalogOfSize(MAX_CATALOG_BYTES + 1), 'application/json');
    expect([json.statusCode, json.json()]).toEqual([413, { code: 'TP_REQUEST_TOO_LARGE', message: 'request body is too large' }]);
    const header = 'productId,name,category,price,currency\n';
    const csv = await suite.service.postAdmin('/v1/catalog/products', header + 'x'.repeat(MAX_CATALOG_BYTES + 1 - header.length), 'text/csv');
    expect([csv.statusCode, csv.json()]).toEqual([413, { code: 'TP_REQUEST_TOO_LARGE', message: 'request body is too large' }]);
  }, 30_000);
});
