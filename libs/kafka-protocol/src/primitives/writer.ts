/**
 * Builds one Kafka message. Small fields go into a growing scratch buffer; large byte
 * blobs (record batches in Fetch responses) are kept by reference as separate chunks,
 * so serving a fetch never copies the log data.
 */
export class Writer {
  private static readonly INLINE_LIMIT = 1024;
  private chunks: Buffer[] = [];
  private scratch: Buffer;
  private used = 0;
  private flushedLength = 0;

  constructor(initialSize = 256) {
    this.scratch = Buffer.allocUnsafe(initialSize);
  }

  get length(): number {
    return this.flushedLength + this.used;
  }

  /**
   * May replace this.scratch, so callers must reserve before they touch this.scratch:
   * in `this.scratch.write(v, this.reserve(n))` the old buffer is picked before reserve runs.
   */
  private reserve(size: number): number {
    if (this.used + size > this.scratch.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.scratch.length * 2, this.used + size));
      this.scratch.copy(grown, 0, 0, this.used);
      this.scratch = grown;
    }
    const at = this.used;
    this.used += size;
    return at;
  }

  int8(value: number): this {
    const at = this.reserve(1);
    this.scratch.writeInt8(value, at);
    return this;
  }

  bool(value: boolean): this {
    return this.int8(value ? 1 : 0);
  }

  int16(value: number): this {
    const at = this.reserve(2);
    this.scratch.writeInt16BE(value, at);
    return this;
  }

  int32(value: number): this {
    const at = this.reserve(4);
    this.scratch.writeInt32BE(value, at);
    return this;
  }

  uint32(value: number): this {
    const at = this.reserve(4);
    this.scratch.writeUInt32BE(value, at);
    return this;
  }

  int64(value: number | bigint): this {
    const at = this.reserve(8);
    this.scratch.writeBigInt64BE(BigInt(value), at);
    return this;
  }

  uvarint(value: number): this {
    let remaining = value;
    while (remaining >= 0x80) {
      const at = this.reserve(1);
      this.scratch.writeUInt8((remaining & 0x7f) | 0x80, at);
      remaining = Math.floor(remaining / 128);
    }
    const at = this.reserve(1);
    this.scratch.writeUInt8(remaining, at);
    return this;
  }

  varint(value: number): this {
    return this.uvarint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  varlong(value: number): this {
    let zigzag = (BigInt(value) << 1n) ^ (BigInt(value) >> 63n);
    while (zigzag >= 0x80n) {
      const at = this.reserve(1);
      this.scratch.writeUInt8(Number(zigzag & 0x7fn) | 0x80, at);
      zigzag >>= 7n;
    }
    const at = this.reserve(1);
    this.scratch.writeUInt8(Number(zigzag), at);
    return this;
  }

  raw(bytes: Buffer): this {
    if (bytes.length > Writer.INLINE_LIMIT) {
      this.flushScratch();
      this.chunks.push(bytes);
      this.flushedLength += bytes.length;
    } else {
      const at = this.reserve(bytes.length);
      bytes.copy(this.scratch, at);
    }
    return this;
  }

  string(value: string): this {
    return this.nullableString(value);
  }

  nullableString(value: string | null): this {
    if (value === null) return this.int16(-1);
    const bytes = Buffer.from(value, 'utf8');
    return this.int16(bytes.length).raw(bytes);
  }

  compactString(value: string): this {
    return this.compactNullableString(value);
  }

  compactNullableString(value: string | null): this {
    if (value === null) return this.uvarint(0);
    const bytes = Buffer.from(value, 'utf8');
    return this.uvarint(bytes.length + 1).raw(bytes);
  }

  bytes(value: Buffer): this {
    return this.nullableBytes(value);
  }

  nullableBytes(value: Buffer | null): this {
    if (value === null) return this.int32(-1);
    return this.int32(value.length).raw(value);
  }

  /** Nullable bytes whose content is several buffers, e.g. consecutive record batches. */
  bytesFromChunks(chunks: readonly Buffer[] | null): this {
    if (chunks === null) return this.int32(-1);
    this.int32(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    for (const chunk of chunks) this.raw(chunk);
    return this;
  }

  array<T>(items: readonly T[], writeItem: (writer: Writer, item: T) => void): this {
    return this.nullableArray(items, writeItem);
  }

  nullableArray<T>(items: readonly T[] | null, writeItem: (writer: Writer, item: T) => void): this {
    if (items === null) return this.int32(-1);
    this.int32(items.length);
    for (const item of items) writeItem(this, item);
    return this;
  }

  int32Array(items: readonly number[]): this {
    this.int32(items.length);
    for (const item of items) this.int32(item);
    return this;
  }

  compactArray<T>(items: readonly T[], writeItem: (writer: Writer, item: T) => void): this {
    this.uvarint(items.length + 1);
    for (const item of items) writeItem(this, item);
    return this;
  }

  /** An empty tagged-field section: we never send optional tagged fields. */
  emptyTaggedFields(): this {
    return this.uvarint(0);
  }

  private flushScratch(): void {
    if (this.used === 0) return;
    this.chunks.push(this.scratch.subarray(0, this.used));
    this.flushedLength += this.used;
    this.scratch = Buffer.allocUnsafe(Math.max(256, this.scratch.length - this.used));
    this.used = 0;
  }

  /** The message as a list of chunks, ready for a vectored socket write. */
  toChunks(): Buffer[] {
    this.flushScratch();
    return this.chunks;
  }

  toBuffer(): Buffer {
    const chunks = this.toChunks();
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  }
}
