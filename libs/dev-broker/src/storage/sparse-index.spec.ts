import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SparseIndex } from './sparse-index';

describe('SparseIndex', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sparse-index-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds the last entry at or below a key', () => {
    const index = SparseIndex.openForAppend(path.join(dir, 'a.index'), 4);
    for (const [key, value] of [
      [0, 0],
      [10, 4096],
      [25, 8200],
    ] as const) {
      index.append(key, value);
    }
    index.close();
    expect(index.floor(-1)).toBe(-1);
    expect(index.floor(0)).toBe(0);
    expect(index.floor(9)).toBe(0);
    expect(index.floor(10)).toBe(1);
    expect(index.floor(24)).toBe(1);
    expect(index.floor(25)).toBe(2);
    expect(index.floor(1_000_000)).toBe(2);
  });

  it('mirrors 4-byte and 8-byte keyed entries to its file and loads them back', () => {
    const offsets = SparseIndex.openForAppend(path.join(dir, 'x.index'), 4);
    const times = SparseIndex.openForAppend(path.join(dir, 'x.timeindex'), 8);
    offsets.append(0, 0);
    offsets.append(7, 4100);
    times.append(1_700_000_000_123, 6);
    times.append(1_700_000_009_999, 12);
    offsets.close();
    times.close();
    expect(fs.statSync(offsets.path).size).toBe(16);
    expect(fs.statSync(times.path).size).toBe(24);

    const loadedOffsets = SparseIndex.load(offsets.path, 4, () => true);
    const loadedTimes = SparseIndex.load(times.path, 8, () => true);
    expect(loadedOffsets?.keys).toEqual([0, 7]);
    expect(loadedOffsets?.values).toEqual([0, 4100]);
    expect(loadedTimes?.keys).toEqual([1_700_000_000_123, 1_700_000_009_999]);
    expect(loadedTimes?.values).toEqual([6, 12]);
  });

  it('ignores a torn trailing entry, and refuses an index with an invalid entry or no file', () => {
    const file = path.join(dir, 'y.index');
    const index = SparseIndex.openForAppend(file, 4);
    index.append(0, 0);
    index.append(3, 5000);
    index.close();
    fs.appendFileSync(file, Buffer.from([0, 0, 0]));

    expect(SparseIndex.load(file, 4, () => true)?.keys).toEqual([0, 3]);
    expect(SparseIndex.load(file, 4, (_key, value) => value < 5000)).toBeNull();
    expect(SparseIndex.load(path.join(dir, 'missing.index'), 4, () => true)).toBeNull();
  });
});
