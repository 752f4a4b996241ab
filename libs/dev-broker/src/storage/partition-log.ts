import fs from 'node:fs';
import { decodeRecordBatch, KafkaProtocolError, readBatchHeader, setBaseOffset, type RecordBatchHeader } from '@touchpoint/kafka-protocol';
import { LogSegment } from './log-segment';
import { parseSegmentBaseOffset } from './segment-files';

export interface PartitionLogSettings {
  readonly segmentBytes: number;
  readonly retentionMs: number;
  readonly retentionBytes: number;
}

export interface FetchedData {
  readonly records: Buffer | null;
  readonly highWatermark: number;
  readonly logStartOffset: number;
}

/** One partition's log: an ordered list of segments, the last one active. */
export class PartitionLog {
  private constructor(
    readonly dir: string,
    private readonly segments: LogSegment[],
    private settings: PartitionLogSettings,
  ) {}

  /**
   * Opens (or creates) the log in `dir`. The active segment is verified and cut at the
   * first torn batch; `onBatch` sees every surviving batch of it (producer state rebuild).
   */
  static open(dir: string, settings: PartitionLogSettings, onBatch?: (header: RecordBatchHeader) => void): PartitionLog {
    fs.mkdirSync(dir, { recursive: true });
    const baseOffsets = fs
      .readdirSync(dir)
      .map(parseSegmentBaseOffset)
      .filter((offset): offset is number => offset !== null)
      .sort((a, b) => a - b);
    const segments = baseOffsets.map((base, i) => LogSegment.open(dir, base, i === baseOffsets.length - 1, i === baseOffsets.length - 1 ? onBatch : undefined));
    if (segments.length === 0) segments.push(LogSegment.create(dir, 0));
    return new PartitionLog(dir, segments, settings);
  }

  updateSettings(settings: PartitionLogSettings): void {
    this.settings = settings;
  }

  private get active(): LogSegment {
    return this.segments[this.segments.length - 1];
  }

  get logStartOffset(): number {
    return this.segments[0].baseOffset;
  }

  /** Log end offset; with a single replica it is also the high watermark. */
  get logEndOffset(): number {
    return this.active.nextOffset;
  }

  get sizeInBytes(): number {
    return this.segments.reduce((sum, segment) => sum + segment.size, 0);
  }

  /** Assigns offsets to the batches and appends them; returns the first base offset. */
  append(batches: readonly Buffer[], fsync: boolean): number {
    const firstOffset = this.logEndOffset;
    for (const batch of batches) {
      const baseOffset = this.logEndOffset;
      if (this.active.size > 0 && this.active.size + batch.length > this.settings.segmentBytes) this.roll();
      setBaseOffset(batch, baseOffset);
      this.active.append(batch, readBatchHeader(batch));
    }
    if (fsync) this.active.flush();
    return firstOffset;
  }

  private roll(): void {
    this.active.seal();
    this.segments.push(LogSegment.create(this.dir, this.logEndOffset));
  }

  /** Reads from `offset`; callers check the range first. */
  read(offset: number, maxBytes: number): FetchedData {
    const base = { highWatermark: this.logEndOffset, logStartOffset: this.logStartOffset };
    for (let i = this.segmentIndexFor(offset); i >= 0 && i < this.segments.length; i++) {
      const { data } = this.segments[i].read(offset, maxBytes);
      if (data) return { ...base, records: data };
    }
    return { ...base, records: null };
  }

  private segmentIndexFor(offset: number): number {
    let low = 0;
    let high = this.segments.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (this.segments[mid].baseOffset <= offset) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  /** The first offset whose record timestamp is at or after `timestamp`, with that timestamp. */
  offsetForTimestamp(timestamp: number): { offset: number; timestamp: number } | null {
    for (const segment of this.segments) {
      const batch = segment.firstBatchAtOrAfter(timestamp);
      if (!batch) continue;
      const header = readBatchHeader(batch);
      try {
        const record = decodeRecordBatch(batch).find((r) => r.timestamp >= timestamp);
        if (record) return { offset: record.offset, timestamp: record.timestamp };
      } catch (error) {
        // A codec we cannot inflate (snappy, lz4, zstd): the batch start is the best answer.
        if (!(error instanceof KafkaProtocolError)) throw error;
      }
      return { offset: header.baseOffset, timestamp: header.maxTimestamp };
    }
    return null;
  }

  /** Deletes whole closed segments past retention; the active segment is never deleted. */
  applyRetention(now: number): number {
    let removed = 0;
    const { retentionMs, retentionBytes } = this.settings;
    let total = this.sizeInBytes;
    while (this.segments.length > 1) {
      const oldest = this.segments[0];
      const expired = retentionMs >= 0 && oldest.maxTimestamp >= 0 && oldest.maxTimestamp < now - retentionMs;
      const oversized = retentionBytes >= 0 && total - oldest.size >= retentionBytes;
      if (!expired && !oversized) break;
      total -= oldest.size;
      oldest.delete();
      this.segments.shift();
      removed++;
    }
    return removed;
  }

  close(): void {
    for (const segment of this.segments) segment.close();
  }

  deleteAll(): void {
    for (const segment of this.segments) segment.delete();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
