import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expectGolden, touchpoint } from '../testing/golden';

interface Seen {
  readonly authorization: string | undefined;
  readonly body: unknown;
}

/** An HTTP server answering the catalog import as `answer` says, keeping what it was sent. */
async function server(answer: (seen: Seen) => [number, unknown]): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const s = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const entry = { authorization: request.headers.authorization, body: text ? (JSON.parse(text) as unknown) : null };
      seen.push(entry);
      const [status, body] = answer(entry);
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, seen, close: () => new Promise<void>((resolve) => s.close(() => resolve())) };
}

describe('touchpoint catalog import', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-cli-catalog-'));
  const csv = path.join(dir, 'products.csv');
  fs.writeFileSync(csv, 'id,name,price,currency\njacket-42,Rain jacket,199,EUR\n,no id,1,EUR\ngloves-7,Gloves,25,EUR\n');

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('says clearly that the service has no catalog import yet when the endpoint answers 404', async () => {
    const service = await server(() => [404, { code: 'TP_HTTP_NOT_FOUND', message: 'Cannot POST /v1/catalog/products' }]);
    try {
      const run = await touchpoint(['--catalog-url', service.url, '--admin-token', 'admin-1', 'catalog', 'import', csv]);
      expect(run.code).toBe(8);
      expectGolden(__dirname, 'catalog-import-404', { ...run, stderr: run.stderr.replace(dir, '<dir>') });
    } finally {
      await service.close();
    }
  });

  it('sends the rows it can read with the admin token, reports the others, and exits 1 for them', async () => {
    const service = await server((seen) => [200, { imported: (seen.body as { products: unknown[] }).products.length, errors: [] }]);
    try {
      const run = await touchpoint(['--catalog-url', service.url, '--admin-token', 'admin-1', 'catalog', 'import', csv]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('row 2: id:');
      expect(service.seen).toEqual([{ authorization: 'Bearer admin-1', body: { products: [{ id: 'jacket-42', name: 'Rain jacket', price: '199', currency: 'EUR' }, { id: 'gloves-7', name: 'Gloves', price: '25', currency: 'EUR' }] } }]);
      expect(JSON.parse(run.stdout)).toEqual({ imported: 2, errors: [] });
    } finally {
      await service.close();
    }
  });

  it('needs an admin token (exit 2)', async () => {
    const run = await touchpoint(['catalog', 'import', csv]);
    expect(run.code).toBe(2);
  });
});
