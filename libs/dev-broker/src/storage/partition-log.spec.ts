import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {
  decodeRecordBatch,
  encodeRecordBatch,
  readBatchHeader,
  setBaseOffset,
  splitBatches,
  type KafkaRecord,
  type RecordBatchHeader,
} from '@touchpoint/kafka-protocol';
import { PartitionLog, type PartitionLogSettings } from './partition-log';
import { parseSegmentBaseOffset, segmentFileName } from './segment-files';

const T0 = 1_700_000_000_000;
const MB = 1 << 20;
const KEEP_ALL: PartitionLogSettings = {
  segmentBytes: MB,
  segmentMs: Number.MAX_SAFE_INTEGER,
  retentionMs: -1,
  retentionBytes: -1,
  cleanupPolicy: { compact: false, delete: true },
  minCompactionLagMs: 0,
  deleteRetentionMs: 86_400_000,
  minCleanableDirtyRatio: 0.5,
};

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

function decode(data: Buffer | null): KafkaRecord[] {
  if (!data) return [];
  return splitBatches(data).flatMap((batch) => decodeRecordBatch(batch));
}

function valueOf(record: KafkaRecord): string {
  return record.value?.toString().replace(/\.+$/, '') ?? '';
}

/** Every record from `from` to the end, following fetches across segments like a consumer. */
function readAll(log: PartitionLog, from = log.logStartOffset): KafkaRecord[] {
  const all: KafkaRecord[] = [];
  let offset = from;
  while (offset < log.logEndOffset) {
    const fetched = decode(log.read(offset, 4096).records).filter((r) => r.offset >= offset);
    if (fetched.length === 0) throw new Error(`no data at offset ${offset} below end ${log.logEndOffset}`);
    all.push(...fetched);
    offset = fetched[fetched.length - 1].offset + 1;
  }
  return all;
}

function segmentBases(dir: string): number[] {
  return fs
    .readdirSync(dir)
    .map(parseSegmentBaseOffset)
    .filter((base): base is number => base !== null)
    .sort((a, b) => a - b);
}

/** Appends `counts[i]` records per batch, one batch per call; returns the base offsets assigned. */
function appendBatches(log: PartitionLog, counts: readonly number[], pad = 40, timestampOf?: (n: number) => number): number[] {
  return counts.map((count) => log.append([batchOf(log.logEndOffset, count, pad, timestampOf)], false));
}

describe('PartitionLog', () => {
  let dir: string;
  const logs: PartitionLog[] = [];

  beforeEach(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'partition-log-')), 'topic-0');
  });

  afterEach(() => {
    for (const log of logs.splice(0)) log.close();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  function openLog(settings: PartitionLogSettings = KEEP_ALL, onBatch?: (header: RecordBatchHeader) => void): PartitionLog {
    const log = PartitionLog.open(dir, settings, onBatch);
    logs.push(log);
    return log;
  }

  function closeLog(log: PartitionLog): void {
    logs.splice(logs.indexOf(log), 1);
    log.close();
  }

  function lastLogFile(): string {
    return segmentFileName(dir, segmentBases(dir).at(-1) ?? 0, '.log');
  }

  describe('append and read', () => {
    it('assigns consecutive offsets across batches and calls', () => {
      const log = openLog();
      expect(log.logEndOffset).toBe(0);
      expect(log.append([batchOf(0, 3), batchOf(3, 2)], false)).toBe(0);
      expect(log.append([batchOf(5, 4)], true)).toBe(5);
      expect(log.logEndOffset).toBe(9);

      const data = log.read(0, MB);
      expect(data.highWatermark).toBe(9);
      expect(data.logStartOffset).toBe(0);
      expect(splitBatches(data.records ?? Buffer.alloc(0)).map((b) => readBatchHeader(b).baseOffset)).toEqual([0, 3, 5]);
      const all = decode(data.records);
      expect(all.map((r) => r.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      expect(all.map(valueOf)).toEqual(all.map((r) => `record-${r.offset}`));
    });

    it('overwrites whatever base offset the producer put in the batch', () => {
      const log = openLog();
      log.append([batchOf(0, 2)], false);
      const batch = batchOf(2, 2);
      setBaseOffset(batch, 777);
      expect(log.append([batch], false)).toBe(2);
      expect(decode(log.read(2, MB).records).map((r) => r.offset)).toEqual([2, 3]);
    });

    it('returns the batch holding a mid-batch offset first', () => {
      const log = openLog();
      appendBatches(log, [3, 5, 2]);
      const fetched = decode(log.read(5, MB).records);
      expect(fetched[0].offset).toBe(3);
      expect(fetched.map((r) => r.offset)).toEqual([3, 4, 5, 6, 7, 8, 9]);
      expect(log.read(10, MB).records).toBeNull();
    });

    it('honours maxBytes but returns a first batch larger than maxBytes whole', () => {
      const log = openLog();
      const batches = [batchOf(0, 2), batchOf(2, 2), batchOf(4, 2)];
      const sizes = batches.map((b) => b.length);
      log.append(batches, false);

      const two = log.read(0, sizes[0] + sizes[1] + sizes[2] - 1).records;
      expect(two?.length).toBe(sizes[0] + sizes[1]);
      expect(decode(two).map((r) => r.offset)).toEqual([0, 1, 2, 3]);

      const exact = log.read(0, sizes[0] + sizes[1] + sizes[2]).records;
      expect(exact?.length).toBe(sizes[0] + sizes[1] + sizes[2]);

      const oversized = log.read(3, 10).records;
      expect(oversized?.length).toBe(sizes[1]);
      expect(decode(oversized).map((r) => r.offset)).toEqual([2, 3]);
    });
  });

  describe('segments', () => {
    it('rolls at segmentBytes and reads across segments', () => {
      const size = batchOf(0, 2).length;
      const log = openLog({ ...KEEP_ALL, segmentBytes: 3 * size });
      appendBatches(log, Array<number>(10).fill(2));

      expect(segmentBases(dir)).toEqual([0, 6, 12, 18]);
      for (const base of [0, 6, 12]) expect(fs.statSync(segmentFileName(dir, base, '.log')).size).toBe(3 * size);
      expect(fs.statSync(segmentFileName(dir, 18, '.log')).size).toBe(size);
      expect(log.sizeInBytes).toBe(10 * size);

      // A read is served from the segment holding the offset.
      expect(decode(log.read(13, MB).records).map((r) => r.offset)).toEqual([12, 13, 14, 15, 16, 17]);
      expect(decode(log.read(5, MB).records).map((r) => r.offset)).toEqual([4, 5]);
      const all = readAll(log);
      expect(all.map((r) => r.offset)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(all.map(valueOf)).toEqual(all.map((r) => `record-${r.offset}`));
    });

    it('puts a batch larger than segmentBytes alone in a segment', () => {
      const log = openLog({ ...KEEP_ALL, segmentBytes: 100 });
      appendBatches(log, [1, 5, 1], 60);
      expect(segmentBases(dir)).toEqual([0, 1, 6]);
      expect(readAll(log).map((r) => r.offset)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    });
  });

  describe('reopening', () => {
    const settings: PartitionLogSettings = { ...KEEP_ALL, segmentBytes: 16 * 1024 };

    function buildLog(): { end: number; records: KafkaRecord[] } {
      const log = openLog(settings);
      appendBatches(
        log,
        Array.from({ length: 150 }, (_, i) => 1 + (i % 3)),
        300,
        (n) => T0 + n * 10,
      );
      const result = { end: log.logEndOffset, records: readAll(log) };
      closeLog(log);
      return result;
    }

    it('restores the end offset and data; only the active segment is scanned', () => {
      const before = buildLog();
      const bases = segmentBases(dir);
      expect(bases.length).toBeGreaterThan(3);
      const activeBase = bases[bases.length - 1];

      // Closed segments must come back from their index files: if they were rebuilt the
      // files would be rewritten and their modification time would move.
      const past = new Date('2001-01-01T00:00:00Z');
      for (const base of bases.slice(0, -1)) {
        for (const suffix of ['.index', '.timeindex'] as const) fs.utimesSync(segmentFileName(dir, base, suffix), past, past);
      }

      const recovered: RecordBatchHeader[] = [];
      const log = openLog(settings, (header) => recovered.push(header));
      expect(log.logEndOffset).toBe(before.end);
      expect(log.logStartOffset).toBe(0);
      expect(readAll(log)).toEqual(before.records);
      expect(recovered.length).toBeGreaterThan(0);
      expect(recovered[0].baseOffset).toBe(activeBase);
      expect(recovered.map((h) => h.baseOffset + h.lastOffsetDelta + 1).at(-1)).toBe(before.end);
      for (const base of bases.slice(0, -1)) {
        for (const suffix of ['.index', '.timeindex'] as const) {
          expect(fs.statSync(segmentFileName(dir, base, suffix)).mtimeMs).toBe(past.getTime());
        }
      }

      expect(log.append([batchOf(before.end, 2, 300)], false)).toBe(before.end);
      expect(readAll(log, before.end).map(valueOf)).toEqual([`record-${before.end}`, `record-${before.end + 1}`]);
    });

    it('rebuilds closed segments whose index files are gone', () => {
      const before = buildLog();
      for (const base of segmentBases(dir).slice(0, -1)) {
        fs.rmSync(segmentFileName(dir, base, '.index'));
        fs.rmSync(segmentFileName(dir, base, '.timeindex'));
      }
      const log = openLog(settings);
      expect(log.logEndOffset).toBe(before.end);
      expect(readAll(log)).toEqual(before.records);
      expect(log.offsetForTimestamp(T0 + 1234)).toEqual({ offset: 124, timestamp: T0 + 1240 });
    });

    it('reopens an empty log, and an active segment that is still empty after a roll', () => {
      const empty = openLog(settings);
      closeLog(empty);
      expect(openLog(settings).logEndOffset).toBe(0);

      const size = batchOf(0, 1).length;
      const rolledDir = path.join(path.dirname(dir), 'rolled');
      const rolled = PartitionLog.open(rolledDir, { ...KEEP_ALL, segmentBytes: size });
      appendBatches(rolled, [1, 1, 1]);
      rolled.close();
      // A crash right after a roll leaves the new segment's file empty.
      fs.writeFileSync(segmentFileName(rolledDir, 3, '.log'), '');
      const again = PartitionLog.open(rolledDir, { ...KEEP_ALL, segmentBytes: size });
      logs.push(again);
      expect(again.logEndOffset).toBe(3);
      expect(again.append([batchOf(3, 1)], false)).toBe(3);
      expect(readAll(again).map(valueOf)).toEqual(['record-0', 'record-1', 'record-2', 'record-3']);
    });
  });

  describe('crash recovery of the active segment', () => {
    const size = batchOf(0, 2).length;
    const settings: PartitionLogSettings = { ...KEEP_ALL, segmentBytes: 3 * size };

    function buildLog(): number {
      const log = openLog(settings);
      appendBatches(log, Array<number>(7).fill(2));
      const end = log.logEndOffset;
      closeLog(log);
      expect(segmentBases(dir)).toEqual([0, 6, 12]);
      return end;
    }

    /** The start of the batch a crashed write was appending at offset `end`. */
    function partialBatch(end: number, bytes: number): Buffer {
      const batch = batchOf(end, 2);
      setBaseOffset(batch, end);
      return batch.subarray(0, bytes);
    }

    it.each<[string, (end: number) => Buffer]>([
      ['garbage', () => Buffer.from('this is not a record batch at all, just bytes a crash left behind')],
      ['a few bytes', () => Buffer.from([0, 0, 0])],
      ['zeros', () => Buffer.alloc(200)],
      ['half a batch', (end) => partialBatch(end, Math.floor(size / 2))],
      ['a batch missing its last byte', (end) => partialBatch(end, size - 1)],
    ])('cuts %s at the end of the last .log file', (_name, tail) => {
      const end = buildLog();
      const file = lastLogFile();
      const intact = fs.statSync(file).size;
      fs.appendFileSync(file, tail(end));
      expect(fs.statSync(file).size).toBeGreaterThan(intact);

      const log = openLog(settings);
      expect(log.logEndOffset).toBe(end);
      expect(fs.statSync(file).size).toBe(intact);
      expect(log.append([batchOf(end, 2)], false)).toBe(end);
      const all = readAll(log);
      expect(all.map((r) => r.offset)).toEqual(Array.from({ length: end + 2 }, (_, i) => i));
      expect(all.map(valueOf)).toEqual(all.map((r) => `record-${r.offset}`));

      // And the repaired log reopens cleanly.
      closeLog(log);
      expect(openLog(settings).logEndOffset).toBe(end + 2);
    });

    it('cuts the active segment at a batch with a corrupted byte', () => {
      const end = buildLog();
      const file = lastLogFile();
      const data = fs.readFileSync(file);
      // Active segment 12.. holds one batch (12, 13); add two more and corrupt the middle one.
      expect(end).toBe(14);
      const second = batchOf(14, 2);
      const third = batchOf(16, 2);
      setBaseOffset(second, 14);
      setBaseOffset(third, 16);
      second[second.length - 5] ^= 0x01;
      fs.writeFileSync(file, Buffer.concat([data, second, third]));

      const reopened = openLog(settings);
      expect(reopened.logEndOffset).toBe(14);
      expect(fs.statSync(file).size).toBe(data.length);
      expect(decode(reopened.read(12, MB).records).map((r) => r.offset)).toEqual([12, 13]);
      expect(reopened.append([batchOf(14, 1)], false)).toBe(14);
      expect(readAll(reopened).map((r) => r.offset)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    });

    it('cuts a batch whatever byte of it is corrupted, offset fields included', () => {
      const end = buildLog();
      const file = lastLogFile();
      const intact = fs.readFileSync(file);
      const second = batchOf(14, 2);
      const third = batchOf(16, 2);
      setBaseOffset(second, 14);
      setBaseOffset(third, 16);
      // Bytes 12-15 hold the partition leader epoch, which neither the CRC nor the broker looks at.
      const unchecked = new Set([12, 13, 14, 15]);
      for (let at = 0; at < second.length; at++) {
        const corrupted = Buffer.from(second);
        corrupted[at] ^= 0xff;
        fs.writeFileSync(file, Buffer.concat([intact, corrupted, third]));

        const log = openLog(settings);
        const expectedEnd = unchecked.has(at) ? end + 4 : end;
        expect({ at, end: log.logEndOffset }).toEqual({ at, end: expectedEnd });
        const all = readAll(log);
        expect(all.map((r) => r.offset)).toEqual(Array.from({ length: expectedEnd }, (_, i) => i));
        expect(all.map(valueOf)).toEqual(all.map((r) => `record-${r.offset}`));
        closeLog(log);
      }
    });
  });

  describe('offsetForTimestamp', () => {
    const settings: PartitionLogSettings = { ...KEEP_ALL, segmentBytes: 8 * 1024 };
    const timestampOf = (n: number): number => T0 + n * 10;

    function check(log: PartitionLog, end: number): void {
      for (let n = 0; n < end; n++) {
        expect(log.offsetForTimestamp(timestampOf(n))).toEqual({ offset: n, timestamp: timestampOf(n) });
        expect(log.offsetForTimestamp(timestampOf(n) - 7)).toEqual({ offset: n, timestamp: timestampOf(n) });
      }
      expect(log.offsetForTimestamp(0)).toEqual({ offset: 0, timestamp: T0 });
      expect(log.offsetForTimestamp(timestampOf(end - 1) + 1)).toBeNull();
    }

    it('finds the first record at or after a timestamp across batches and segments, before and after reopening', () => {
      const log = openLog(settings);
      appendBatches(
        log,
        Array.from({ length: 90 }, (_, i) => 1 + (i % 4)),
        200,
        timestampOf,
      );
      const end = log.logEndOffset;
      expect(segmentBases(dir).length).toBeGreaterThan(3);
      check(log, end);
      closeLog(log);
      check(openLog(settings), end);
    });
  });

  describe('offsetForTimestamp with timestamps out of order', () => {
    it('matches a brute-force search for random timestamps, before and after reopening', () => {
      fc.assert(
        fc.property(
          fc.array(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 40 }),
          fc.integer({ min: 200, max: 6000 }),
          fc.array(fc.integer({ min: -10, max: 5010 }), { minLength: 1, maxLength: 20 }),
          (batchTimestamps, segmentBytes, targets) => {
            const propertyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'partition-log-ts-'));
            const propertySettings: PartitionLogSettings = { ...KEEP_ALL, segmentBytes };
            const timestamps = batchTimestamps.flat().map((delta) => T0 + delta);
            const expected = (target: number): { offset: number; timestamp: number } | null => {
              const offset = timestamps.findIndex((timestamp) => timestamp >= target);
              return offset < 0 ? null : { offset, timestamp: timestamps[offset] };
            };
            const verify = (log: PartitionLog): void => {
              for (const target of targets) expect(log.offsetForTimestamp(T0 + target)).toEqual(expected(T0 + target));
              expect(log.offsetForTimestamp(T0 + 5001)).toBeNull();
            };
            let log = PartitionLog.open(propertyDir, propertySettings);
            try {
              for (const batch of batchTimestamps) log.append([batchOf(log.logEndOffset, batch.length, 150, (n) => timestamps[n])], false);
              verify(log);
              log.close();
              log = PartitionLog.open(propertyDir, propertySettings);
              verify(log);
            } finally {
              log.close();
              fs.rmSync(propertyDir, { recursive: true, force: true });
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  });

  describe('repeated restarts', () => {
    it('keeps data and timestamps through several close/open cycles with rolls in between', () => {
      const settings: PartitionLogSettings = { ...KEEP_ALL, segmentBytes: 6 * 1024 };
      const timestampOf = (n: number): number => T0 + n * 5;
      let log = openLog(settings);
      for (let cycle = 0; cycle < 4; cycle++) {
        appendBatches(
          log,
          Array.from({ length: 25 }, (_, i) => 1 + ((i + cycle) % 3)),
          250,
          timestampOf,
        );
        const end = log.logEndOffset;
        closeLog(log);
        log = openLog(settings);
        expect(log.logEndOffset).toBe(end);
        const all = readAll(log);
        expect(all.map((r) => r.offset)).toEqual(Array.from({ length: end }, (_, i) => i));
        expect(all.map((r) => r.timestamp)).toEqual(all.map((r) => timestampOf(r.offset)));
        for (let n = 0; n < end; n += 7) expect(log.offsetForTimestamp(timestampOf(n) - 2)).toEqual({ offset: n, timestamp: timestampOf(n) });
      }
      expect(segmentBases(dir).length).toBeGreaterThan(4);
    });
  });

  describe('applyRetention', () => {
    const size = batchOf(0, 1).length;

    it('deletes closed segments older than retention.ms, never the active one', () => {
      const log = openLog({ ...KEEP_ALL, segmentBytes: 2 * size });
      appendBatches(log, Array<number>(8).fill(1), 40, (n) => T0 + n * 1000);
      expect(segmentBases(dir)).toEqual([0, 2, 4, 6]);

      expect(log.applyRetention(T0 + 1_000_000)).toBe(0);
      log.updateSettings({ ...KEEP_ALL, segmentBytes: 2 * size, retentionMs: 2500 });
      expect(log.applyRetention(T0 + 3500)).toBe(0);
      // Segment maxima are T0+1000, +3000, +5000 and +7000 (active).
      expect(log.applyRetention(T0 + 6000)).toBe(2);
      expect(segmentBases(dir)).toEqual([4, 6]);
      expect(fs.existsSync(segmentFileName(dir, 0, '.index'))).toBe(false);
      expect(log.logStartOffset).toBe(4);
      expect(log.read(4, MB).logStartOffset).toBe(4);
      expect(readAll(log).map((r) => r.offset)).toEqual([4, 5, 6, 7]);

      expect(log.applyRetention(T0 + 10_000_000)).toBe(1);
      expect(segmentBases(dir)).toEqual([6]);
      expect(log.logStartOffset).toBe(6);
      expect(log.logEndOffset).toBe(8);
      expect(log.applyRetention(T0 + 10_000_000)).toBe(0);

      closeLog(log);
      const reopened = openLog({ ...KEEP_ALL, segmentBytes: 2 * size });
      expect(reopened.logStartOffset).toBe(6);
      expect(reopened.logEndOffset).toBe(8);
    });

    it('deletes the oldest closed segments beyond retention.bytes, never the active one', () => {
      const log = openLog({ ...KEEP_ALL, segmentBytes: 2 * size, retentionBytes: 5 * size });
      appendBatches(log, Array<number>(10).fill(1));
      expect(segmentBases(dir)).toEqual([0, 2, 4, 6, 8]);

      expect(log.applyRetention(T0)).toBe(2);
      expect(segmentBases(dir)).toEqual([4, 6, 8]);
      expect(log.logStartOffset).toBe(4);
      expect(log.sizeInBytes).toBe(6 * size);
      expect(log.applyRetention(T0)).toBe(0);

      log.updateSettings({ ...KEEP_ALL, segmentBytes: 2 * size, retentionBytes: 0 });
      expect(log.applyRetention(T0)).toBe(2);
      expect(segmentBases(dir)).toEqual([8]);
      expect(log.logStartOffset).toBe(8);
      expect(log.logEndOffset).toBe(10);
      expect(readAll(log).map(valueOf)).toEqual(['record-8', 'record-9']);
    });
  });

  describe('property: every offset reads back', () => {
    it('returns the requested offsets for random batch sizes and segment sizes, before and after reopening', () => {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 25 }),
          fc.integer({ min: 60, max: 3000 }),
          fc.integer({ min: 0, max: 120 }),
          fc.integer({ min: 1, max: 2000 }),
          (counts, segmentBytes, pad, maxBytes) => {
            const propertyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'partition-log-prop-'));
            const propertySettings: PartitionLogSettings = { ...KEEP_ALL, segmentBytes };
            const total = counts.reduce((sum, count) => sum + count, 0);
            const verify = (log: PartitionLog): void => {
              expect(log.logEndOffset).toBe(total);
              for (let offset = 0; offset < total; offset++) {
                const fetched = decode(log.read(offset, maxBytes).records);
                const fromOffset = fetched.filter((r) => r.offset >= offset);
                expect(fromOffset.length).toBeGreaterThan(0);
                expect(fromOffset.map((r) => r.offset)).toEqual(Array.from({ length: fromOffset.length }, (_, i) => offset + i));
                expect(fromOffset.map(valueOf)).toEqual(fromOffset.map((r) => `record-${r.offset}`));
              }
            };
            let log = PartitionLog.open(propertyDir, propertySettings);
            try {
              for (const count of counts) log.append([batchOf(log.logEndOffset, count, pad)], false);
              verify(log);
              log.close();
              log = PartitionLog.open(propertyDir, propertySettings);
              verify(log);
            } finally {
              log.close();
              fs.rmSync(propertyDir, { recursive: true, force: true });
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  });
  describe('log start offset (DeleteRecords)', () => {
    it('hides records below it, deletes whole segments below it and keeps the active one', () => {
      const size = batchOf(0, 2).length;
      const log = openLog({ ...KEEP_ALL, segmentBytes: 2 * size });
      appendBatches(log, [2, 2, 2, 2, 2]);
      expect(segmentBases(dir)).toEqual([0, 4, 8]);
      expect(log.deleteRecordsBefore(5)).toBe(5);
      expect(log.logStartOffset).toBe(5);
      expect(segmentBases(dir)).toEqual([4, 8]);
      expect(readAll(log).map((r) => r.offset)).toEqual([5, 6, 7, 8, 9]);
      expect(log.offsetForTimestamp(0)).toEqual({ offset: 5, timestamp: T0 });
    });

    it('only moves forward, and never past the end', () => {
      const log = openLog();
      appendBatches(log, [4]);
      expect(log.deleteRecordsBefore(3)).toBe(3);
      expect(log.deleteRecordsBefore(1)).toBe(3);
      expect(log.deleteRecordsBefore(4)).toBe(4);
      expect(log.logEndOffset).toBe(4);
      expect(segmentBases(dir)).toEqual([0]);
    });

    it('finishes deleting the segments below it on open, after a crash in between', () => {
      const size = batchOf(0, 2).length;
      const log = openLog({ ...KEEP_ALL, segmentBytes: 2 * size });
      appendBatches(log, [2, 2, 2, 2, 2]);
      closeLog(log);
      // What a crash right after the checkpoint was written leaves behind.
      fs.writeFileSync(path.join(dir, 'log-start-offset'), '9');
      const reopened = openLog({ ...KEEP_ALL, segmentBytes: 2 * size });
      expect(segmentBases(dir)).toEqual([8]);
      expect(reopened.logStartOffset).toBe(9);
      expect(readAll(reopened).map((r) => r.offset)).toEqual([9]);
    });

    it('survives a restart', () => {
      const log = openLog();
      appendBatches(log, [3, 3]);
      log.deleteRecordsBefore(4);
      closeLog(log);
      const reopened = openLog();
      expect(reopened.logStartOffset).toBe(4);
      expect(readAll(reopened).map((r) => r.offset)).toEqual([4, 5]);
    });
  });

  describe('segment.ms', () => {
    it('rolls on append once the active segment\'s first batch is older than segment.ms', () => {
      const log = openLog({ ...KEEP_ALL, segmentMs: 1000 });
      appendBatches(log, [1, 1], 40, () => T0);
      appendBatches(log, [1], 40, () => T0 + 1000);
      expect(segmentBases(dir)).toEqual([0]);
      appendBatches(log, [1], 40, () => T0 + 1001);
      expect(segmentBases(dir)).toEqual([0, 3]);
      expect(readAll(log).map((r) => r.offset)).toEqual([0, 1, 2, 3]);
    });
  });
});
