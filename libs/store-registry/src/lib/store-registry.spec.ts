import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readStoreRegistryFile } from './read-store-registry-file';
import { parseStoreRegistry } from './store-registry';

const amsterdam = { storeId: 'store-amsterdam-01', chainId: 'demo-fashion', country: 'NL', currency: 'EUR', timeZone: 'Europe/Amsterdam' };
const document = { version: 1, defaultChainId: 'demo-fashion', stores: [amsterdam, { ...amsterdam, storeId: 'store-berlin-01', chainId: 'other-chain', country: 'DE' }] };

describe('StoreRegistry', () => {
  it('answers chain, country, currency and time zone per store, and the default chain for the rest', () => {
    const registry = parseStoreRegistry(document);
    expect(registry.find('store-berlin-01')).toMatchObject({ chainId: 'other-chain', country: 'DE' });
    expect(registry.find('store-nowhere')).toBeUndefined();
    expect(registry.chainOf('store-berlin-01')).toBe('other-chain');
    expect(registry.chainOf('store-nowhere')).toBe('demo-fashion');
    expect(registry.chainOf(undefined)).toBe('demo-fashion');
    expect(registry.size).toBe(2);
  });

  it('names every bad field: duplicate store, unknown key, bad codes and zone, a chain id with ":"', () => {
    const bad = {
      version: 1,
      defaultChainId: 'Demo:Fashion',
      stores: [amsterdam, amsterdam, { ...amsterdam, storeId: 'x', country: 'nl', currency: 'euro', timeZone: 'Mars/Olympus', extra: 1 }],
    };
    let message = '';
    try {
      parseStoreRegistry(bad, 'stores.json');
    } catch (error) {
      message = String(error);
    }
    for (const problem of ['stores.json is invalid', 'defaultChainId', 'stores.1.storeId: store store-amsterdam-01 is listed twice', 'stores.2.country', 'stores.2.currency', 'stores.2.timeZone', 'stores.2: Unrecognized key']) {
      expect(message).toContain(problem);
    }
    expect(() => parseStoreRegistry({ ...document, version: 2 })).toThrow(/version/);
  });

  it('reads the versioned file, and says which file it could not read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-stores-'));
    const file = path.join(dir, 'stores.v1.json');
    fs.writeFileSync(file, JSON.stringify(document));
    expect(readStoreRegistryFile(file).find('store-amsterdam-01')?.timeZone).toBe('Europe/Amsterdam');
    fs.writeFileSync(file, '{"version": 1,');
    expect(() => readStoreRegistryFile(file)).toThrow(`store registry ${file} is not JSON`);
    expect(() => readStoreRegistryFile(path.join(dir, 'missing.json'))).toThrow('cannot be read');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('accepts the demo registry shipped in config/', () => {
    const registry = readStoreRegistryFile(path.join(__dirname, '../../../../config/stores.v1.json'));
    expect(registry.find('store-amsterdam-01')).toMatchObject({ country: 'NL', currency: 'EUR' });
    expect(registry.find('store-utrecht-02')).toBeDefined();
  });
});
