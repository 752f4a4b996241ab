import fs from 'node:fs';

/**
 * An append-only sparse index: fixed-size entries of two numbers, kept in memory and
 * mirrored to a file so a closed segment reopens without a scan.
 *
 *   offset index entry:  relativeOffset int32, filePosition int32
 *   time index entry:    maxTimestampSoFar int64, relativeOffset int32
 */
export class SparseIndex {
  readonly keys: number[] = [];
  readonly values: number[] = [];

  private constructor(
    private readonly file: string,
    private readonly keyBytes: 4 | 8,
    private fd: number | null,
  ) {}

  private get entryBytes(): number {
    return this.keyBytes + 4;
  }

  static openForAppend(file: string, keyBytes: 4 | 8): SparseIndex {
    return new SparseIndex(file, keyBytes, fs.openSync(file, 'w'));
  }

  /** Loads a closed segment's index; entries past `maxValue` (a torn tail) are dropped. */
  static load(file: string, keyBytes: 4 | 8, isValid: (key: number, value: number) => boolean): SparseIndex | null {
    if (!fs.existsSync(file)) return null;
    const index = new SparseIndex(file, keyBytes, null);
    const data = fs.readFileSync(file);
    for (let at = 0; at + index.entryBytes <= data.length; at += index.entryBytes) {
      const key = keyBytes === 4 ? data.readInt32BE(at) : Number(data.readBigInt64BE(at));
      const value = data.readInt32BE(at + keyBytes);
      if (!isValid(key, value)) return null;
      index.keys.push(key);
      index.values.push(value);
    }
    return index;
  }

  append(key: number, value: number): void {
    this.keys.push(key);
    this.values.push(value);
    if (this.fd === null) return;
    const entry = Buffer.allocUnsafe(this.entryBytes);
    if (this.keyBytes === 4) entry.writeInt32BE(key, 0);
    else entry.writeBigInt64BE(BigInt(key), 0);
    entry.writeInt32BE(value, this.keyBytes);
    fs.writeSync(this.fd, entry);
  }

  /** Index of the last entry whose key is <= `key`, or -1. */
  floor(key: number): number {
    let low = 0;
    let high = this.keys.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (this.keys[mid] <= key) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  get path(): string {
    return this.file;
  }
}
