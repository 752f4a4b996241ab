import { ProtocolDecodeError } from '../errors/protocol-decode-error';

/**
 * Cursor over one Kafka message. Every read checks bounds first, so truncated or
 * hostile input surfaces as a ProtocolDecodeError instead of garbage or a huge allocation.
 */
export class Reader {
  private position: number;

  constructor(
    private readonly buffer: Buffer,
    start = 0,
    private readonly end = buffer.length,
  ) {
    this.position = start;
  }

  get offset(): number {
    return this.position;
  }

  remaining(): number {
    return this.end - this.position;
  }

  private take(size: number): number {
    if (size < 0 || this.position + size > this.end) {
      throw new ProtocolDecodeError(`need ${size} bytes at offset ${this.position}, have ${this.remaining()}`);
    }
    const at = this.position;
    this.position += size;
    return at;
  }

  int8(): number {
    return this.buffer.readInt8(this.take(1));
  }

  bool(): boolean {
    return this.int8() !== 0;
  }

  int16(): number {
    return this.buffer.readInt16BE(this.take(2));
  }

  int32(): number {
    return this.buffer.readInt32BE(this.take(4));
  }

  uint32(): number {
    return this.buffer.readUInt32BE(this.take(4));
  }

  /** int64 as a JS number: offsets, timestamps and producer ids stay far below 2^53. */
  int64(): number {
    return Number(this.buffer.readBigInt64BE(this.take(8)));
  }

  uuid(): Buffer {
    return this.raw(16);
  }

  /** Unsigned LEB128 varint, as used by flexible versions for lengths and tags. */
  uvarint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.buffer.readUInt8(this.take(1));
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
      if (shift > 28) throw new ProtocolDecodeError('unsigned varint longer than 5 bytes');
    }
  }

  /** Zig-zag varint (int32 range), used inside records. */
  varint(): number {
    const raw = this.uvarint();
    return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
  }

  /** Zig-zag varlong; numbers above 2^53 lose precision, which timestamps and deltas never reach. */
  varlong(): number {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.buffer.readUInt8(this.take(1));
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
      shift += 7n;
      if (shift > 63n) throw new ProtocolDecodeError('varlong longer than 10 bytes');
    }
    return Number((result >> 1n) ^ -(result & 1n));
  }

  raw(size: number): Buffer {
    const at = this.take(size);
    return this.buffer.subarray(at, at + size);
  }

  string(): string {
    const value = this.nullableString();
    if (value === null) throw new ProtocolDecodeError('null where a string is required');
    return value;
  }

  nullableString(): string | null {
    const length = this.int16();
    if (length < 0) return null;
    return this.raw(length).toString('utf8');
  }

  compactString(): string {
    const value = this.compactNullableString();
    if (value === null) throw new ProtocolDecodeError('null where a compact string is required');
    return value;
  }

  compactNullableString(): string | null {
    const length = this.uvarint() - 1;
    if (length < 0) return null;
    return this.raw(length).toString('utf8');
  }

  bytes(): Buffer {
    const value = this.nullableBytes();
    if (value === null) throw new ProtocolDecodeError('null where bytes are required');
    return value;
  }

  nullableBytes(): Buffer | null {
    const length = this.int32();
    if (length < 0) return null;
    return this.raw(length);
  }

  compactNullableBytes(): Buffer | null {
    const length = this.uvarint() - 1;
    if (length < 0) return null;
    return this.raw(length);
  }

  array<T>(readItem: (reader: Reader) => T): T[] {
    const items = this.nullableArray(readItem);
    if (items === null) throw new ProtocolDecodeError('null where an array is required');
    return items;
  }

  nullableArray<T>(readItem: (reader: Reader) => T): T[] | null {
    return this.items(this.int32(), readItem);
  }

  int32Array(): number[] {
    return this.array((r) => r.int32());
  }

  compactArray<T>(readItem: (reader: Reader) => T): T[] {
    const items = this.items(this.uvarint() - 1, readItem);
    if (items === null) throw new ProtocolDecodeError('null where a compact array is required');
    return items;
  }

  private items<T>(count: number, readItem: (reader: Reader) => T): T[] | null {
    if (count < 0) return null;
    // Every element takes at least one byte, so a count beyond the remaining bytes is a lie.
    if (count > this.remaining()) {
      throw new ProtocolDecodeError(`array of ${count} elements in ${this.remaining()} bytes`);
    }
    const items = new Array<T>(count);
    for (let i = 0; i < count; i++) items[i] = readItem(this);
    return items;
  }

  /** Skips a flexible version's tagged fields; none of the ones we accept carry meaning for us. */
  taggedFields(): void {
    const count = this.uvarint();
    for (let i = 0; i < count; i++) {
      this.uvarint();
      this.take(this.uvarint());
    }
  }
}
