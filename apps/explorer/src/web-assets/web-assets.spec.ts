import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebAssets } from './web-assets';

describe('WebAssets', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-explorer-web-'));
  fs.mkdirSync(path.join(dir, 'web', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'web', 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(dir, 'web', 'assets', 'index-abc.js'), 'export {}');
  fs.writeFileSync(path.join(dir, 'secret.json'), '{}');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const assets = new WebAssets(path.join(dir, 'web'));

  it('serves the page and its hashed bundles, which alone may be cached for good', async () => {
    await expect(assets.read('index.html')).resolves.toMatchObject({ contentType: 'text/html; charset=utf-8', immutable: false });
    await expect(assets.read('assets/index-abc.js')).resolves.toMatchObject({ contentType: 'text/javascript; charset=utf-8', immutable: true });
  });

  it('serves nothing outside its folder and nothing it was not built with', async () => {
    await expect(assets.read('../secret.json')).resolves.toBeNull();
    await expect(assets.read('assets/../../secret.json')).resolves.toBeNull();
    await expect(assets.read('assets/missing.js')).resolves.toBeNull();
  });
});
