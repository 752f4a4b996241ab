import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expectGolden, touchpoint } from '../testing/golden';

describe('touchpoint catalog import (service failures; the import itself runs against recommendation in journey-live.int-spec.ts)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-cli-catalog-'));
  const csv = path.join(dir, 'products.csv');
  fs.writeFileSync(csv, 'productId,name,category,price,currency\njacket-42,Rain jacket,outerwear,199,EUR\n');

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('says clearly that the service has no catalog import when the endpoint answers 404', async () => {
    // A Touchpoint service without the route answers exactly this.
    const server = http.createServer((_request, response) => {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ code: 'TP_HTTP_NOT_FOUND', message: 'Cannot POST /v1/catalog/products' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const run = await touchpoint(['--catalog-url', `http://127.0.0.1:${(server.address() as AddressInfo).port}`, '--admin-token', 'admin-1', 'catalog', 'import', csv]);
      expect(run.code).toBe(8);
      expectGolden(__dirname, 'catalog-import-404', run);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('needs an admin token (exit 2), and a service that answers (exit 8 when none does)', async () => {
    expect((await touchpoint(['catalog', 'import', csv])).code).toBe(2);
    expect((await touchpoint(['--catalog-url', 'http://127.0.0.1:1', '--admin-token', 'a', 'catalog', 'import', csv])).code).toBe(8);
  });
});
