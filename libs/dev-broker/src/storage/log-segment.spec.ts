import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeRecordBatch, encodeRecordBatch, readBatchHeader, setBaseOffset, splitBatches, type KafkaRecord } from '@touchpoint/kafka-protocol';
import { LogSegment } from './log-segment';
import { segmentFileName } from './segment-files';

const T0 = 1_700_000_000_000;

/** A batch of `count` records with values `record-<n>` padded to `pad` bytes, timestamps from `timestampOf`. */
function batchOf(first: number, count: number, pad = 40, timestampOf: (n: number) => number = () => T0): Buffer {
  return encodeRecordBatch(
    Array.from({ length: count }, (_, i) => ({
      value: Buffer.from(`record-${first + i}`.padEnd(pad, '.')),
      timestamp: timestampOf(first + i),
    })),
    { now: T0 },
  );
}

function append(segment: LogSegment, batch: Buffer): void {
  setBaseOffset(batch, segment.nextOffset);
  segment.append(batch, readBatchHeader(batch));
}

function records(data: Buffer | null): KafkaRecord[] {
  if (!data) return [];
  return splitBatches(data).flatMap((batch) => decodeRecordBatch(batch));
}

function valueOf(record: KafkaRecord): string {
  return record.value?.toString().replace(/\.+$/, '') ?? '';
}

describe('LogSegment', () => {
  let dir: string;
  const open: LogSegment[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-segment-'));
  });

  afterEach(() => {
    for (const segment of open.splice(0)) {
      try {
        segment.close();
      } catch {
        // already closed by the test
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function create(baseOffset: number): LogSegment {
    const segment = LogSegment.create(dir, baseOffset);
    open.push(segment);
    return segment;
  }

  function reopen(baseOffset: number, verify: boolean): LogSegment {
    const segment = LogSegment.open(dir, baseOffset, verify);
    open.push(segment);
    return segment;
  }

  it('starts empty at its base offset', () => {
    const segment = create(42);
    expect(segment.size).toBe(0);
    expect(segment.nextOffset).toBe(42);
    expect(segment.read(42, 1024).data).toBeNull();
    expect(fs.existsSync(segmentFileName(dir, 42, '.log'))).toBe(true);
  });

  it('reads from an offset inside a batch starting with that whole batch', () => {
    const segment = create(100);
    append(segment, batchOf(100, 3));
    append(segment, batchOf(103, 4));
    expect(segment.nextOffset).toBe(107);

    const read = records(segment.read(105, 1 << 20).data);
    expect(read.map((r) => r.offset)).toEqual([103, 104, 105, 106]);
    expect(read.map(valueOf)).toEqual(['record-103', 'record-104', 'record-105', 'record-106']);
    expect(segment.read(107, 1 << 20).data).toBeNull();
  });

  it('honours maxBytes with whole batches, but returns an oversized first batch whole', () => {
    const segment = create(0);
    const sizes = [batchOf(0, 2), batchOf(2, 2), batchOf(4, 2)].map((batch) => {
      append(segment, batch);
      return batch.length;
    });

    const two = segment.read(0, sizes[0] + sizes[1] + sizes[2] - 1).data;
    expect(two?.length).toBe(sizes[0] + sizes[1]);
    expect(records(two).map((r) => r.offset)).toEqual([0, 1, 2, 3]);

    const tiny = segment.read(2, 1).data;
    expect(tiny?.length).toBe(sizes[1]);
    expect(records(tiny).map((r) => r.offset)).toEqual([2, 3]);
  });

  it('keeps a sparse index and finds every offset through it', () => {
    const segment = create(0);
    for (let n = 0; n < 120; n += 2) append(segment, batchOf(n, 2, 300));
    segment.seal();
    const entries = fs.statSync(segmentFileName(dir, 0, '.index')).size / 8;
    expect(entries).toBeGreaterThan(5);
    expect(entries).toBeLessThan(60);

    for (let offset = 0; offset < 120; offset++) {
      const first = records(segment.read(offset, 1).data);
      expect(first.map((r) => r.offset)).toEqual([offset - (offset % 2), offset - (offset % 2) + 1]);
    }
  });

  it('reopens a sealed segment from its index files without rewriting them', () => {
    const segment = create(10);
    for (let n = 10; n < 110; n++) append(segment, batchOf(n, 1, 300, (k) => T0 + k * 10));
    const { nextOffset, size, maxTimestamp } = segment;
    segment.close();
    open.splice(0);

    const past = new Date('2001-01-01T00:00:00Z');
    for (const suffix of ['.index', '.timeindex'] as const) fs.utimesSync(segmentFileName(dir, 10, suffix), past, past);

    const reopened = reopen(10, false);
    expect(reopened.nextOffset).toBe(nextOffset);
    expect(reopened.size).toBe(size);
    expect(reopened.maxTimestamp).toBe(maxTimestamp);
    expect(records(reopened.read(57, 1).data).map((r) => r.offset)).toEqual([57]);
    expect(readBatchHeader(reopened.firstBatchAtOrAfter(T0 + 805) ?? Buffer.alloc(0)).baseOffset).toBe(81);
    reopened.close();
    for (const suffix of ['.index', '.timeindex'] as const) {
      expect(fs.statSync(segmentFileName(dir, 10, suffix)).mtimeMs).toBe(past.getTime());
    }
  });

  it('rebuilds a closed segment by scanning when its index is missing', () => {
    const segment = create(0);
    for (let n = 0; n < 30; n++) append(segment, batchOf(n, 1, 300));
    segment.close();
    open.splice(0);
    fs.rmSync(segmentFileName(dir, 0, '.index'));

    const reopened = reopen(0, false);
    expect(reopened.nextOffset).toBe(30);
    expect(records(reopened.read(29, 1).data).map(valueOf)).toEqual(['record-29']);
    expect(fs.statSync(segmentFileName(dir, 0, '.index')).size).toBeGreaterThan(0);
  });

  it('cuts a torn or corrupt tail when opened with verification', () => {
    const segment = create(0);
    const sizes: number[] = [];
    for (let n = 0; n < 4; n++) {
      const batch = batchOf(n * 2, 2);
      append(segment, batch);
      sizes.push(batch.length);
    }
    segment.close();
    open.splice(0);
    const logFile = segmentFileName(dir, 0, '.log');
    // Corrupt one payload byte of the third batch, then add half a batch after the end.
    const data = fs.readFileSync(logFile);
    const third = sizes[0] + sizes[1];
    data[third + 70] ^= 0xff;
    fs.writeFileSync(logFile, Buffer.concat([data, batchOf(8, 2).subarray(0, 50)]));

    const reopened = reopen(0, true);
    expect(reopened.nextOffset).toBe(4);
    expect(reopened.size).toBe(third);
    expect(fs.statSync(logFile).size).toBe(third);
    append(reopened, batchOf(4, 1));
    expect(records(reopened.read(0, 1 << 20).data).map((r) => r.offset)).toEqual([0, 1, 2, 3, 4]);
  });

  it('cuts at a batch whose base offset (outside the CRC) breaks continuity', () => {
    const segment = create(20);
    const sizes: number[] = [];
    for (let n = 20; n < 26; n += 2) {
      const batch = batchOf(n, 2);
      append(segment, batch);
      sizes.push(batch.length);
    }
    segment.close();
    open.splice(0);
    const logFile = segmentFileName(dir, 20, '.log');
    const data = fs.readFileSync(logFile);
    setBaseOffset(data.subarray(sizes[0]), 7);
    fs.writeFileSync(logFile, data);

    const reopened = reopen(20, true);
    expect(reopened.nextOffset).toBe(22);
    expect(fs.statSync(logFile).size).toBe(sizes[0]);
  });

  it('finds the first batch reaching a timestamp', () => {
    const segment = create(0);
    for (let n = 0; n < 50; n += 5) append(segment, batchOf(n, 5, 200, (k) => T0 + k * 100));
    expect(segment.maxTimestamp).toBe(T0 + 4900);
    expect(readBatchHeader(segment.firstBatchAtOrAfter(T0) ?? Buffer.alloc(0)).baseOffset).toBe(0);
    expect(readBatchHeader(segment.firstBatchAtOrAfter(T0 + 1201) ?? Buffer.alloc(0)).baseOffset).toBe(10);
    expect(readBatchHeader(segment.firstBatchAtOrAfter(T0 + 4900) ?? Buffer.alloc(0)).baseOffset).toBe(45);
    expect(segment.firstBatchAtOrAfter(T0 + 4901)).toBeNull();
  });

  it('deletes its log and index files', () => {
    const segment = create(5);
    append(segment, batchOf(5, 1));
    open.splice(0);
    segment.delete();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
