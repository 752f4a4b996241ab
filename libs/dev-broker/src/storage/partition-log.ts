import fs from 'node:fs';
import path from 'node:path';
import { decodeRecordBatch, KafkaProtocolError, readBatchHeader, setBaseOffset, type RecordBatchHeader } from '@touchpoint/kafka-protocol';
import { LogSegment } from './log-segment';
import { OffsetCheckpoint } from './offset-checkpoint';
import { parseSegmentBaseOffset } from './segment-files';
import { installSwappedSegment, recoverSegmentSwaps, writeCleanedSegment } from './segment-swap';
import type { CleanupPolicy } from './topic-config';

export interface PartitionLogSettings {
  readonly segmentBytes: number;
  /** Roll the active segment on append once its first batch is this much older (Kafka's segment.ms). */
  readonly segmentMs: number;
  readonly retentionMs: number;
  readonly retentionBytes: number;
  readonly cleanupPolicy: CleanupPolicy;
  readonly minCompactionLagMs: number;
  readonly deleteRetentionMs: number;
  readonly minCleanableDirtyRatio: number;
}

export interface FetchedData {
  readonly records: Buffer | null;
  readonly highWatermark: number;
  readonly logStartOffset: number;
}

/**
 * One partition's log: an ordered list of segments, the last one active. The log start
 * offset can lie inside the first segment (DeleteRecords moves it there), so it is kept
 * in a checkpoint file of its own, as is the cleaner's position on compacted topics.
 */
export class PartitionLog {
  private startOffset: number;
  private firstDirty: number;

  private constructor(
    readonly dir: string,
    private readonly segments: LogSegment[],
    private settings: PartitionLogSettings,
    private readonly startCheckpoint: OffsetCheckpoint,
    private readonly cleanerCheckpoint: OffsetCheckpoint,
  ) {
    // A start offset past the end can only come from a log cut back by crash recovery.
    this.startOffset = Math.min(Math.max(startCheckpoint.read() ?? 0, segments[0].baseOffset), this.logEndOffset);
    this.firstDirty = Math.max(cleanerCheckpoint.read() ?? 0, this.startOffset);
  }

  /**
   * Opens (or creates) the log in `dir`. The active segment is verified and cut at the
   * first torn batch; `onBatch` sees every surviving batch of it (producer state rebuild).
   */
  static open(dir: string, settings: PartitionLogSettings, onBatch?: (header: RecordBatchHeader) => void): PartitionLog {
    fs.mkdirSync(dir, { recursive: true });
    recoverSegmentSwaps(dir);
    const baseOffsets = fs
      .readdirSync(dir)
      .map(parseSegmentBaseOffset)
      .filter((offset): offset is number => offset !== null)
      .sort((a, b) => a - b);
    const segments = baseOffsets.map((base, i) => LogSegment.open(dir, base, i === baseOffsets.length - 1, i === baseOffsets.length - 1 ? onBatch : undefined));
    if (segments.length === 0) segments.push(LogSegment.create(dir, 0));
    const log = new PartitionLog(
      dir,
      segments,
      settings,
      new OffsetCheckpoint(path.join(dir, 'log-start-offset')),
      new OffsetCheckpoint(path.join(dir, 'cleaner-offset')),
    );
    // A crash after DeleteRecords wrote the new start but before its segments were gone.
    log.dropSegmentsBelowStart();
    return log;
  }

  updateSettings(settings: PartitionLogSettings): void {
    this.settings = settings;
  }

  get config(): PartitionLogSettings {
    return this.settings;
  }

  private get active(): LogSegment {
    return this.segments[this.segments.length - 1];
  }

  get logStartOffset(): number {
    return this.startOffset;
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
      if (this.shouldRoll(batch.length, readBatchHeader(batch).maxTimestamp)) this.roll();
      setBaseOffset(batch, baseOffset);
      this.active.append(batch, readBatchHeader(batch));
    }
    if (fsync) this.active.flush();
    return firstOffset;
  }

  private shouldRoll(batchBytes: number, batchTimestamp: number): boolean {
    if (this.active.size === 0) return false;
    if (this.active.size + batchBytes > this.settings.segmentBytes) return true;
    return this.active.firstBatchTimestamp >= 0 && batchTimestamp - this.active.firstBatchTimestamp > this.settings.segmentMs;
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
    // Records below the log start offset are gone even where their batch is still on disk.
    for (const segment of this.segments) {
      if (segment.nextOffset <= this.startOffset) continue;
      const batch = segment.firstBatchAtOrAfter(timestamp);
      if (!batch) continue;
      const header = readBatchHeader(batch);
      try {
        const record = decodeRecordBatch(batch).find((r) => r.timestamp >= timestamp && r.offset >= this.startOffset);
        if (record) return { offset: record.offset, timestamp: record.timestamp };
        if (header.baseOffset + header.lastOffsetDelta < this.startOffset) continue;
      } catch (error) {
        // A codec we cannot inflate (snappy, lz4, zstd): the batch start is the best answer.
        if (!(error instanceof KafkaProtocolError)) throw error;
      }
      return { offset: Math.max(header.baseOffset, this.startOffset), timestamp: header.maxTimestamp };
    }
    return null;
  }

  /**
   * DeleteRecords: records below `offset` are no longer readable, and whole segments
   * below it are deleted (never the active one). The start offset only moves forward;
   * it is written down before any segment goes, so a crash between the two still hides
   * the records. Returns the new log start offset (the low watermark).
   */
  deleteRecordsBefore(offset: number): number {
    if (offset <= this.startOffset) return this.startOffset;
    this.startOffset = Math.min(offset, this.logEndOffset);
    this.startCheckpoint.write(this.startOffset);
    this.dropSegmentsBelowStart();
    this.firstDirty = Math.max(this.firstDirty, this.startOffset);
    return this.startOffset;
  }

  /** Deletes the segments wholly below the log start offset, never the active one. */
  private dropSegmentsBelowStart(): void {
    while (this.segments.length > 1 && this.segments[1].baseOffset <= this.startOffset) {
      this.segments[0].delete();
      this.segments.shift();
    }
  }

  /** Deletes whole closed segments past retention; the active segment is never deleted. */
  applyRetention(now: number): number {
    if (!this.settings.cleanupPolicy.delete) return 0;
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
    if (removed > 0) {
      this.startOffset = Math.max(this.startOffset, this.segments[0].baseOffset);
      this.firstDirty = Math.max(this.firstDirty, this.startOffset);
    }
    return removed;
  }

  /** Closed segments, oldest first: what the cleaner may rewrite. */
  closedSegments(): readonly LogSegment[] {
    return this.segments.slice(0, -1);
  }

  get activeSegmentBaseOffset(): number {
    return this.active.baseOffset;
  }

  /** Where the part of the log the cleaner has not yet looked at begins. */
  get firstDirtyOffset(): number {
    return this.firstDirty;
  }

  markCleanedUpTo(offset: number): void {
    if (offset <= this.firstDirty) return;
    this.firstDirty = offset;
    this.cleanerCheckpoint.write(offset);
  }

  /**
   * Puts the cleaned batches of a closed segment in its place (see segment-swap.ts for
   * why this survives a crash at any step). No batches left: the segment is deleted,
   * except the first, which keeps the log start where it was.
   */
  replaceSegment(segment: LogSegment, batches: readonly Buffer[]): void {
    const index = this.segments.indexOf(segment);
    if (index < 0 || index === this.segments.length - 1) throw new Error(`segment ${segment.baseOffset} is not a closed segment of ${this.dir}`);
    if (batches.length === 0 && index > 0) {
      segment.delete();
      this.segments.splice(index, 1);
      return;
    }
    writeCleanedSegment(this.dir, segment.baseOffset, batches);
    segment.close();
    installSwappedSegment(this.dir, segment.baseOffset);
    const cleaned = LogSegment.open(this.dir, segment.baseOffset, false);
    cleaned.seal();
    this.segments[index] = cleaned;
  }

  close(): void {
    for (const segment of this.segments) segment.close();
  }

  deleteAll(): void {
    for (const segment of this.segments) segment.delete();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
