import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OffsetStore } from './offset-store';

describe('OffsetStore', () => {
  let dataDir: string;
  let file: string;
  const stores: OffsetStore[] = [];

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'offset-store-'));
    file = path.join(dataDir, 'consumer-offsets.jsonl');
  });

  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function load(): OffsetStore {
    const store = new OffsetStore(dataDir);
    stores.push(store);
    store.load();
    return store;
  }

  function reload(store: OffsetStore): OffsetStore {
    stores.splice(stores.indexOf(store), 1);
    store.close();
    return load();
  }

  function lines(): string[] {
    return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  }

  it('commits, gets and lists offsets per group', () => {
    const store = load();
    store.commit('g1', [
      { topic: 'a', partition: 0, offset: 10, metadata: null },
      { topic: 'a', partition: 1, offset: 11, metadata: 'm' },
      { topic: 'b', partition: 0, offset: 20, metadata: null },
    ]);
    store.commit('g2', [{ topic: 'a', partition: 0, offset: 99, metadata: null }]);
    store.commit('g1', [{ topic: 'a', partition: 0, offset: 15, metadata: 'later' }]);

    expect(store.get('g1', 'a', 0)).toEqual({ offset: 15, metadata: 'later' });
    expect(store.get('g1', 'a', 1)).toEqual({ offset: 11, metadata: 'm' });
    expect(store.get('g2', 'a', 0)).toEqual({ offset: 99, metadata: null });
    expect(store.get('g1', 'a', 2)).toBeUndefined();
    expect(store.get('g3', 'a', 0)).toBeUndefined();

    const all = store.all('g1');
    expect([...all.keys()].sort()).toEqual(['a', 'b']);
    expect(all.get('a')?.sort((x, y) => x.partition - y.partition)).toEqual([
      { partition: 0, committed: { offset: 15, metadata: 'later' } },
      { partition: 1, committed: { offset: 11, metadata: 'm' } },
    ]);
    expect(store.all('nobody').size).toBe(0);
    expect(store.groupIds().sort()).toEqual(['g1', 'g2']);
    expect(store.hasGroup('g2')).toBe(true);
  });

  it('refuses commits before it is loaded', () => {
    const store = new OffsetStore(dataDir);
    expect(() => store.commit('g', [{ topic: 'a', partition: 0, offset: 1, metadata: null }])).toThrow(/not loaded/);
  });

  it('survives a reload, compacted to the last value per partition', () => {
    const store = load();
    for (let offset = 1; offset <= 5; offset++) {
      store.commit('g', [
        { topic: 'a', partition: 0, offset, metadata: null },
        { topic: 'a', partition: 1, offset: offset * 100, metadata: `m${offset}` },
      ]);
    }
    expect(lines()).toHaveLength(10);

    const reloaded = reload(store);
    expect(reloaded.get('g', 'a', 0)).toEqual({ offset: 5, metadata: null });
    expect(reloaded.get('g', 'a', 1)).toEqual({ offset: 500, metadata: 'm5' });
    const compacted = lines().map((line) => JSON.parse(line) as unknown);
    expect(compacted).toHaveLength(2);
    expect(compacted).toEqual(
      expect.arrayContaining([
        { g: 'g', t: 'a', p: 0, o: 5, m: null },
        { g: 'g', t: 'a', p: 1, o: 500, m: 'm5' },
      ]),
    );

    // Commits after the compaction are appended and survive the next reload too.
    reloaded.commit('g', [{ topic: 'a', partition: 0, offset: 6, metadata: null }]);
    expect(reload(reloaded).get('g', 'a', 0)).toEqual({ offset: 6, metadata: null });
  });

  it('ignores a truncated last line left by a crash mid-write', () => {
    const store = load();
    store.commit('g', [{ topic: 'a', partition: 0, offset: 7, metadata: null }]);
    stores.splice(stores.indexOf(store), 1);
    store.close();
    fs.appendFileSync(file, '{"g":"g","t":"a","p":0,"o":99');

    const reloaded = load();
    expect(reloaded.get('g', 'a', 0)).toEqual({ offset: 7, metadata: null });
    // The torn line is gone, so the next commit lands on a line of its own.
    reloaded.commit('g', [{ topic: 'a', partition: 1, offset: 8, metadata: null }]);
    const again = reload(reloaded);
    expect(again.get('g', 'a', 0)).toEqual({ offset: 7, metadata: null });
    expect(again.get('g', 'a', 1)).toEqual({ offset: 8, metadata: null });
  });

  it('persists a group deletion', () => {
    const store = load();
    store.commit('doomed', [{ topic: 'a', partition: 0, offset: 3, metadata: null }]);
    store.commit('kept', [{ topic: 'a', partition: 0, offset: 4, metadata: null }]);
    store.deleteGroup('doomed');
    expect(store.hasGroup('doomed')).toBe(false);
    expect(store.get('doomed', 'a', 0)).toBeUndefined();

    const reloaded = reload(store);
    expect(reloaded.hasGroup('doomed')).toBe(false);
    expect(reloaded.groupIds()).toEqual(['kept']);
    expect(reloaded.get('kept', 'a', 0)).toEqual({ offset: 4, metadata: null });

    // A group that commits again after deletion starts afresh.
    reloaded.commit('doomed', [{ topic: 'b', partition: 2, offset: 1, metadata: null }]);
    const third = reload(reloaded);
    expect(third.get('doomed', 'a', 0)).toBeUndefined();
    expect(third.get('doomed', 'b', 2)).toEqual({ offset: 1, metadata: null });
  });
});
