import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeRecordBatch, encodeRecordBatch, splitBatches } from '@touchpoint/kafka-protocol';
import pino from 'pino';
import { LogCleaner } from './log-cleaner';
import { PartitionLog, type PartitionLogSettings } from './partition-log';
import { segmentFileName } from './segment-files';

const NOW = 1_700_000_000_000;
const COMPACTED: PartitionLogSettings = {
  segmentBytes: 1 << 20,
  segmentMs: 1000,
  retentionMs: -1,
  retentionBytes: -1,
  cleanupPolicy: { compact: true, delete: false },
  minCompactionLagMs: 0,
  deleteRetentionMs: 60_000,
  minCleanableDirtyRatio: 0,
};

/** Appends key=value at `timestamp`; with segment.ms 1000, a step of more than a second rolls a segment. */
function put(log: PartitionLog, key: string, value: string | null, timestamp: number): void {
  log.append([encodeRecordBatch([{ key: Buffer.from(key), value: value === null ? null : Buffer.from(value), timestamp }])], false);
}

/** What a consumer reading from the log start to the end sees, offsets included. */
function readAll(log: PartitionLog): string[] {
  const seen: string[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const { records } = log.read(offset, 1 << 20);
    if (!records) break;
    const fresh = splitBatches(records).flatMap((b) => decodeRecordBatch(b)).filter((r) => r.offset >= offset);
    if (fresh.length === 0) break;
    seen.push(...fresh.map((r) => `${r.offset}:${r.key?.toString()}=${r.value?.toString() ?? '<deleted>'}`));
    offset = fresh[fresh.length - 1].offset + 1;
  }
  return seen;
}

describe('LogCleaner', () => {
  let dir: string;
  const cleaner = (): LogCleaner => new LogCleaner(pino({ level: 'silent' }));
  const run = (c: LogCleaner, log: PartitionLog, now: number) => c.run([{ topic: 't', partition: 0, log }], now);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-cleaner-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** a=1 b=1 | a=2 c=1 | a=3 (active): two closed segments, one active. */
  function threeSegments(settings = COMPACTED): PartitionLog {
    const log = PartitionLog.open(dir, settings);
    put(log, 'a', '1', NOW);
    put(log, 'b', '1', NOW);
    put(log, 'a', '2', NOW + 2000);
    put(log, 'c', '1', NOW + 2000);
    put(log, 'a', '3', NOW + 4000);
    return log;
  }

  it('keeps the latest value per key in closed segments, never touching the active one', () => {
    const log = threeSegments();
    expect(log.closedSegments()).toHaveLength(2);
    expect(run(cleaner(), log, NOW + 5000)).toEqual({ partitionsCleaned: 1, recordsRemoved: 1 });
    expect(readAll(log)).toEqual(['1:b=1', '2:a=2', '3:c=1', '4:a=3']);
    expect(log.logStartOffset).toBe(0);
    expect(log.logEndOffset).toBe(5);
    log.close();
  });

  it('survives a restart: cleaned segments reopen with rebuilt indexes and the cleaner position holds', () => {
    const log = threeSegments();
    run(cleaner(), log, NOW + 5000);
    log.close();
    const reopened = PartitionLog.open(dir, COMPACTED);
    expect(readAll(reopened)).toEqual(['1:b=1', '2:a=2', '3:c=1', '4:a=3']);
    expect(reopened.firstDirtyOffset).toBe(4);
    // Nothing new is dirty, so a fresh cleaner with ratio 0 still finds nothing to do.
    expect(run(cleaner(), reopened, NOW + 5000)).toEqual({ partitionsCleaned: 0, recordsRemoved: 0 });
    reopened.close();
  });

  it('waits until the dirty part reaches min.cleanable.dirty.ratio', () => {
    const log = threeSegments({ ...COMPACTED, minCleanableDirtyRatio: 1 });
    const c = cleaner();
    expect(run(c, log, NOW + 5000).partitionsCleaned).toBe(1);
    // a=4 rolls the a=3 segment closed: 1 dirty segment of 3 cleanable is below ratio 1.
    put(log, 'a', '4', NOW + 6000);
    expect(run(c, log, NOW + 7000).partitionsCleaned).toBe(0);
    expect(readAll(log)).toEqual(['1:b=1', '2:a=2', '3:c=1', '4:a=3', '5:a=4']);
    log.updateSettings({ ...COMPACTED, minCleanableDirtyRatio: 0.2 });
    expect(run(c, log, NOW + 7000).partitionsCleaned).toBe(1);
    expect(readAll(log)).toEqual(['1:b=1', '3:c=1', '4:a=3', '5:a=4']);
    log.close();
  });

  it('leaves segments younger than min.compaction.lag.ms alone', () => {
    const log = threeSegments({ ...COMPACTED, minCompactionLagMs: 2500 });
    // At NOW + 4000 only the first segment (newest record at NOW) is old enough.
    run(cleaner(), log, NOW + 4000);
    expect(readAll(log)).toEqual(['0:a=1', '1:b=1', '2:a=2', '3:c=1', '4:a=3']);
    expect(log.firstDirtyOffset).toBe(2);
    run(cleaner(), log, NOW + 4500);
    expect(readAll(log)).toEqual(['1:b=1', '2:a=2', '3:c=1', '4:a=3']);
    log.close();
  });

  it('keeps a tombstone when first cleaned; the first cleaning after delete.retention.ms removes it', () => {
    const log = PartitionLog.open(dir, COMPACTED);
    put(log, 'a', '1', NOW);
    put(log, 'a', null, NOW);
    put(log, 'b', '1', NOW + 2000);
    const c = cleaner();
    run(c, log, NOW + 3000);
    expect(readAll(log)).toEqual(['1:a=<deleted>', '2:b=1']);
    // Nothing dirty: no cleaning, whatever the time (Kafka waits for a dirty log too).
    expect(run(c, log, NOW + 3000 + 60_000).partitionsCleaned).toBe(0);
    // A write that rolls a segment makes the log dirty; before the horizon the tombstone stays.
    put(log, 'c', '1', NOW + 4000);
    run(c, log, NOW + 3000 + 59_999);
    expect(readAll(log)).toEqual(['1:a=<deleted>', '2:b=1', '3:c=1']);
    put(log, 'd', '1', NOW + 6000);
    expect(run(c, log, NOW + 3000 + 60_000).partitionsCleaned).toBe(1);
    expect(readAll(log)).toEqual(['2:b=1', '3:c=1', '4:d=1']);
    // The first segment is kept, empty, so the log start offset does not move.
    expect(log.logStartOffset).toBe(0);
    log.close();
  });

  it('keeps the delete horizon in the batch, so it holds across a restart', () => {
    const log = PartitionLog.open(dir, COMPACTED);
    put(log, 'a', null, NOW);
    put(log, 'b', '1', NOW + 2000);
    run(cleaner(), log, NOW + 3000);
    log.close();
    const reopened = PartitionLog.open(dir, COMPACTED);
    put(reopened, 'c', '1', NOW + 4000);
    expect(run(cleaner(), reopened, NOW + 3000 + 60_000).partitionsCleaned).toBe(1);
    expect(readAll(reopened)).toEqual(['1:b=1', '2:c=1']);
    reopened.close();
  });

  it('leaves topics without the compact policy alone', () => {
    const log = threeSegments({ ...COMPACTED, cleanupPolicy: { compact: false, delete: true } });
    expect(run(cleaner(), log, NOW + 5000).partitionsCleaned).toBe(0);
    expect(readAll(log)).toHaveLength(5);
    log.close();
  });

  describe('crash during the swap', () => {
    it('drops a .cleaned file left before the commit and keeps the old segment', () => {
      const log = threeSegments();
      log.close();
      fs.writeFileSync(segmentFileName(dir, 0, '.log.cleaned'), 'half-written');
      const reopened = PartitionLog.open(dir, COMPACTED);
      expect(fs.existsSync(segmentFileName(dir, 0, '.log.cleaned'))).toBe(false);
      expect(readAll(reopened)).toEqual(['0:a=1', '1:b=1', '2:a=2', '3:c=1', '4:a=3']);
      reopened.close();
    });

    it('installs a committed .swap file in place of its segment, with fresh indexes', () => {
      const log = threeSegments();
      log.close();
      // What step 2 leaves: the cleaned first segment committed as .swap, the old one still there.
      const cleaned = encodeRecordBatch([{ key: Buffer.from('b'), value: Buffer.from('1'), timestamp: NOW }], { baseOffset: 1 });
      fs.writeFileSync(segmentFileName(dir, 0, '.log.swap'), cleaned);
      const reopened = PartitionLog.open(dir, COMPACTED);
      expect(fs.existsSync(segmentFileName(dir, 0, '.log.swap'))).toBe(false);
      expect(readAll(reopened)).toEqual(['1:b=1', '2:a=2', '3:c=1', '4:a=3']);
      expect(reopened.read(0, 1 << 20).records?.readBigInt64BE(0)).toBe(1n);
      reopened.close();
    });
  });
});
