import fs from 'node:fs';
import { BATCH_HEADER_SIZE, batchSizeAt, hasValidCrc, readBatchHeader, type RecordBatchHeader, splitBatches } from '@touchpoint/kafka-protocol';
import { segmentFileName } from './segment-files';
import { SparseIndex } from './sparse-index';

/** Bytes of log between two index entries; Kafka's index.interval.bytes. */
const INDEX_INTERVAL_BYTES = 4096;

export interface ReadResult {
  /** Whole batches (the first one may start before the requested offset, as in Kafka). */
  readonly data: Buffer | null;
  readonly nextPosition: number;
}

/**
 * One file of a partition's log: record batches exactly as produced (with broker-assigned
 * base offsets), plus sparse offset and time indexes. Writes are synchronous so an
 * acknowledged batch is in the kernel before the producer hears back: a killed process
 * loses nothing that was acknowledged.
 */
export class LogSegment {
  private bytesSinceIndexEntry = 0;
  private lastIndexedOffset = -1;
  /** Max timestamp of the first batch: what segment.ms is measured from, as in Kafka. */
  private rollingTimestamp = -1;

  private constructor(
    readonly baseOffset: number,
    private readonly fd: number,
    private sizeInBytes: number,
    private next: number,
    private largestTimestamp: number,
    private readonly offsetIndex: SparseIndex,
    private readonly timeIndex: SparseIndex,
    private readonly files: readonly string[],
  ) {}

  get size(): number {
    return this.sizeInBytes;
  }

  /** The offset after the last record in this segment. */
  get nextOffset(): number {
    return this.next;
  }

  get maxTimestamp(): number {
    return this.largestTimestamp;
  }

  get firstBatchTimestamp(): number {
    return this.rollingTimestamp;
  }

  static create(dir: string, baseOffset: number): LogSegment {
    return LogSegment.withNewIndexes(dir, baseOffset, fs.openSync(segmentFileName(dir, baseOffset, '.log'), 'a+'));
  }

  /** An empty in-memory view of `fd` whose indexes are (re)written from scratch. */
  private static withNewIndexes(dir: string, baseOffset: number, fd: number): LogSegment {
    const files = (['.log', '.index', '.timeindex'] as const).map((suffix) => segmentFileName(dir, baseOffset, suffix));
    return new LogSegment(baseOffset, fd, 0, baseOffset, -1, SparseIndex.openForAppend(files[1], 4), SparseIndex.openForAppend(files[2], 8), files);
  }

  /**
   * Opens a segment found on disk. The active (last) segment is verified batch by batch
   * and cut at the first torn or corrupt batch, which is how a crash mid-write is undone;
   * closed segments trust their persisted indexes when present.
   */
  static open(dir: string, baseOffset: number, verify: boolean, onBatch?: (header: RecordBatchHeader) => void): LogSegment {
    const fd = fs.openSync(segmentFileName(dir, baseOffset, '.log'), 'r+');
    const fileSize = fs.fstatSync(fd).size;
    if (!verify && !onBatch) {
      const loaded = LogSegment.openWithIndexes(dir, baseOffset, fd, fileSize);
      if (loaded) return loaded;
    }
    const segment = LogSegment.withNewIndexes(dir, baseOffset, fd);
    let position = 0;
    while (position < fileSize) {
      const header = segment.headerAt(position, fileSize);
      if (!header) break;
      if (verify) {
        // The CRC does not cover the base offset, so a corrupt one is caught by continuity.
        if (header.baseOffset !== segment.next) break;
        const batch = Buffer.allocUnsafe(header.sizeInBytes);
        fs.readSync(fd, batch, 0, batch.length, position);
        if (!hasValidCrc(batch)) break;
      }
      segment.track(header, position);
      onBatch?.(header);
      position += header.sizeInBytes;
    }
    if (position < fileSize) fs.ftruncateSync(fd, position);
    segment.sizeInBytes = position;
    return segment;
  }

  private static openWithIndexes(dir: string, baseOffset: number, fd: number, fileSize: number): LogSegment | null {
    const offsetIndex = SparseIndex.load(segmentFileName(dir, baseOffset, '.index'), 4, (_k, position) => position < fileSize);
    const timeIndex = SparseIndex.load(segmentFileName(dir, baseOffset, '.timeindex'), 8, () => true);
    if (!offsetIndex || !timeIndex || offsetIndex.keys.length === 0) return null;
    const segment = new LogSegment(
      baseOffset,
      fd,
      fileSize,
      baseOffset,
      timeIndex.keys.at(-1) ?? -1,
      offsetIndex,
      timeIndex,
      [segmentFileName(dir, baseOffset, '.log'), offsetIndex.path, timeIndex.path],
    );
    // Only the stretch after the last index entry needs a walk to learn the end offset.
    let position = offsetIndex.values[offsetIndex.values.length - 1];
    while (position < fileSize) {
      const header = segment.headerAt(position, fileSize);
      if (!header) return null;
      segment.next = header.baseOffset + header.lastOffsetDelta + 1;
      segment.largestTimestamp = Math.max(segment.largestTimestamp, header.maxTimestamp);
      position += header.sizeInBytes;
    }
    return position === fileSize ? segment : null;
  }

  private headerAt(position: number, fileSize: number): RecordBatchHeader | null {
    if (fileSize - position < BATCH_HEADER_SIZE) return null;
    const buffer = Buffer.allocUnsafe(BATCH_HEADER_SIZE);
    fs.readSync(this.fd, buffer, 0, BATCH_HEADER_SIZE, position);
    const header = readBatchHeader(buffer);
    if (header.sizeInBytes < BATCH_HEADER_SIZE || position + header.sizeInBytes > fileSize || header.magic !== 2) return null;
    return header;
  }

  private track(header: RecordBatchHeader, position: number): void {
    const lastOffset = header.baseOffset + header.lastOffsetDelta;
    if (position === 0) this.rollingTimestamp = header.maxTimestamp;
    this.largestTimestamp = Math.max(this.largestTimestamp, header.maxTimestamp);
    if (this.offsetIndex.keys.length === 0 || this.bytesSinceIndexEntry >= INDEX_INTERVAL_BYTES) {
      this.offsetIndex.append(header.baseOffset - this.baseOffset, position);
      this.timeIndex.append(this.largestTimestamp, lastOffset - this.baseOffset);
      this.bytesSinceIndexEntry = 0;
      this.lastIndexedOffset = header.baseOffset;
    }
    this.bytesSinceIndexEntry += header.sizeInBytes;
    this.next = lastOffset + 1;
  }

  /** Appends one batch whose base offset has already been assigned. */
  append(batch: Buffer, header: RecordBatchHeader): void {
    const position = this.sizeInBytes;
    let written = 0;
    while (written < batch.length) written += fs.writeSync(this.fd, batch, written, batch.length - written, position + written);
    this.sizeInBytes += batch.length;
    this.track(header, position);
  }

  flush(): void {
    fs.fsyncSync(this.fd);
  }

  /** File position of the batch that contains `offset`, or -1 if it is past the end. */
  private positionOf(offset: number): number {
    if (offset >= this.next) return -1;
    const entry = this.offsetIndex.floor(offset - this.baseOffset);
    let position = entry < 0 ? 0 : this.offsetIndex.values[entry];
    while (position < this.sizeInBytes) {
      const header = this.headerAt(position, this.sizeInBytes);
      if (!header) return -1;
      if (header.baseOffset + header.lastOffsetDelta >= offset) return position;
      position += header.sizeInBytes;
    }
    return -1;
  }

  /**
   * Reads whole batches from the one containing `offset`, up to `maxBytes`; the first
   * batch is returned whole even when larger (KIP-74), so a consumer always makes progress.
   */
  read(offset: number, maxBytes: number): ReadResult {
    const start = this.positionOf(offset);
    if (start < 0) return { data: null, nextPosition: this.sizeInBytes };
    const available = this.sizeInBytes - start;
    const chunk = Buffer.allocUnsafe(Math.min(available, Math.max(maxBytes, BATCH_HEADER_SIZE)));
    fs.readSync(this.fd, chunk, 0, chunk.length, start);
    let end = 0;
    for (;;) {
      const size = batchSizeAt(chunk, end);
      if (size < 0 || end + size > chunk.length) break;
      end += size;
    }
    if (end === 0) {
      const firstSize = batchSizeAt(chunk, 0);
      const whole = Buffer.allocUnsafe(firstSize);
      fs.readSync(this.fd, whole, 0, firstSize, start);
      return { data: whole, nextPosition: start + firstSize };
    }
    return { data: chunk.subarray(0, end), nextPosition: start + end };
  }

  /** Position to start a timestamp search: the batches before it all lie strictly earlier. */
  private searchStartFor(timestamp: number): number {
    const entry = this.timeIndex.floor(timestamp - 1);
    if (entry < 0) return 0;
    const safeOffset = this.baseOffset + this.timeIndex.values[entry] + 1;
    const position = this.positionOf(safeOffset);
    return position < 0 ? this.sizeInBytes : position;
  }

  /** The first batch whose max timestamp reaches `timestamp`, read whole. */
  firstBatchAtOrAfter(timestamp: number): Buffer | null {
    if (this.largestTimestamp < timestamp) return null;
    let position = this.searchStartFor(timestamp);
    while (position < this.sizeInBytes) {
      const header = this.headerAt(position, this.sizeInBytes);
      if (!header) return null;
      if (header.maxTimestamp >= timestamp) {
        const batch = Buffer.allocUnsafe(header.sizeInBytes);
        fs.readSync(this.fd, batch, 0, batch.length, position);
        return batch;
      }
      position += header.sizeInBytes;
    }
    return null;
  }

  /** Every batch of the segment, read whole (the cleaner's input; segments are bounded by segment.bytes). */
  readBatches(): Buffer[] {
    const data = Buffer.allocUnsafe(this.sizeInBytes);
    fs.readSync(this.fd, data, 0, data.length, 0);
    return splitBatches(data);
  }

  /** Closes the segment for appends; a final index entry lets reopening skip the scan. */
  seal(): void {
    if (this.sizeInBytes > 0 && this.lastIndexedOffset >= 0 && this.bytesSinceIndexEntry > 0) {
      this.timeIndex.append(this.largestTimestamp, this.next - 1 - this.baseOffset);
    }
    this.offsetIndex.close();
    this.timeIndex.close();
  }

  close(): void {
    this.seal();
    fs.closeSync(this.fd);
  }

  delete(): void {
    this.close();
    for (const file of this.files) fs.rmSync(file, { force: true });
  }
}
