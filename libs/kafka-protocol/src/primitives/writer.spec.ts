import fc from 'fast-check';
import { hex, toHex } from '../testing/hex';
import { Reader } from './reader';
import { Writer } from './writer';

const written = (build: (writer: Writer) => void): string => {
  const writer = new Writer();
  build(writer);
  return toHex(writer.toBuffer());
};

describe('Writer', () => {
  it('fixed-width integers are big-endian two-complement', () => {
    expect(written((w) => w.int8(-1).int8(127).bool(true).bool(false))).toBe('ff7f0100');
    expect(written((w) => w.int16(-2).int32(-(2 ** 31)).uint32(0xffffffff))).toBe('fffe80000000ffffffff');
    expect(written((w) => w.int64(1_700_000_000_000).int64(-1n))).toBe('0000018bcfe56800ffffffffffffffff');
  });

  it.each([
    [0, '00'],
    [127, '7f'],
    [128, '8001'],
    [300, 'ac02'],
    [2 ** 32 - 1, 'ffffffff0f'],
  ])('uvarint %d -> %s', (value, encoded) => {
    expect(written((w) => w.uvarint(value))).toBe(encoded);
  });

  it.each([
    [0, '00'],
    [-1, '01'],
    [1, '02'],
    [63, '7e'],
    [-64, '7f'],
    [64, '8001'],
    [2 ** 31 - 1, 'feffffff0f'],
    [-(2 ** 31), 'ffffffff0f'],
  ])('varint and varlong agree on %d -> %s', (value, encoded) => {
    expect(written((w) => w.varint(value))).toBe(encoded);
    expect(written((w) => w.varlong(value))).toBe(encoded);
  });

  it('varlong reaches beyond 32 bits', () => {
    expect(written((w) => w.varlong(2 ** 31))).toBe('8080808010');
    expect(written((w) => w.varlong(Number.MIN_SAFE_INTEGER))).toBe('fdffffffffffff1f');
  });

  it('classic strings and bytes', () => {
    expect(written((w) => w.string('abc').string('').nullableString(null).nullableString('é'))).toBe('0003616263' + '0000' + 'ffff' + '0002c3a9');
    expect(written((w) => w.bytes(hex('abcd')).nullableBytes(null))).toBe('00000002abcd' + 'ffffffff');
  });

  it('compact strings store length + 1, 0 meaning null', () => {
    expect(written((w) => w.compactString('abc').compactString('').compactNullableString(null))).toBe('04616263' + '01' + '00');
    expect(written((w) => w.compactString('a'.repeat(127)))).toBe('8001' + '61'.repeat(127));
  });

  it('arrays: int32 count (or -1), compact arrays count + 1', () => {
    const int16 = (w: Writer, item: number): void => void w.int16(item);
    expect(written((w) => w.array([1, 2], int16))).toBe('00000002' + '0001' + '0002');
    expect(written((w) => w.nullableArray(null, int16).nullableArray([], int16))).toBe('ffffffff' + '00000000');
    expect(written((w) => w.int32Array([1, -1]))).toBe('00000002' + '00000001' + 'ffffffff');
    expect(written((w) => w.compactArray([1, 2], int16).compactArray([], int16))).toBe('03' + '0001' + '0002' + '01');
  });

  it('an empty tagged-field section is a single zero byte', () => {
    expect(written((w) => w.emptyTaggedFields())).toBe('00');
  });

  it('bytesFromChunks writes one length for several buffers, or -1', () => {
    expect(written((w) => w.bytesFromChunks([hex('ca'), hex('fe'), hex('')]).bytesFromChunks(null))).toBe('00000002cafe' + 'ffffffff');
  });

  it('grows its scratch buffer without losing the field that triggered the growth', () => {
    // Every field below crosses the end of the initial buffer at a different offset.
    const writer = new Writer(1);
    writer.int8(1).int16(2).int32(3).int64(4).uvarint(300).varlong(-65).string('xyz').raw(Buffer.alloc(40, 0xee));
    expect(toHex(writer.toBuffer())).toBe(
      '01' + '0002' + '00000003' + '0000000000000004' + 'ac02' + '8101' + '0003' + '78797a' + 'ee'.repeat(40),
    );
  });

  it('keeps blobs above the inline limit by reference and counts them in length', () => {
    const blob = Buffer.alloc(2000, 0x5a);
    const writer = new Writer();
    writer.int32(7).raw(blob).int8(1);
    const chunks = writer.toChunks();
    expect(chunks).toHaveLength(3);
    expect(chunks[1]).toBe(blob);
    expect(writer.length).toBe(4 + 2000 + 1);
    expect(toHex(Buffer.concat(chunks))).toBe('00000007' + '5a'.repeat(2000) + '01');
  });

  describe('round-trips through Reader', () => {
    type Field =
      | { readonly kind: 'int8' | 'int16' | 'int32' | 'uint32' | 'int64' | 'uvarint' | 'varint' | 'varlong'; readonly value: number }
      | { readonly kind: 'bool'; readonly value: boolean }
      | { readonly kind: 'string' | 'compactString'; readonly value: string }
      | { readonly kind: 'nullableString' | 'compactNullableString'; readonly value: string | null }
      | { readonly kind: 'nullableBytes' | 'compactNullableBytes'; readonly value: Buffer | null }
      | { readonly kind: 'int32Array'; readonly value: number[] };

    const int = (min: number, max: number) => fc.integer({ min, max });
    const text = fc.string({ unit: 'binary', maxLength: 300 });
    const blob = fc.uint8Array({ maxLength: 1500 }).map((bytes) => Buffer.from(bytes));
    const field: fc.Arbitrary<Field> = fc.oneof(
      int(-128, 127).map((value) => ({ kind: 'int8' as const, value })),
      int(-32768, 32767).map((value) => ({ kind: 'int16' as const, value })),
      fc.integer().map((value) => ({ kind: 'int32' as const, value })),
      int(0, 0xffffffff).map((value) => ({ kind: 'uint32' as const, value })),
      fc.maxSafeInteger().map((value) => ({ kind: 'int64' as const, value })),
      // Five 7-bit groups: the longest uvarint the reader accepts.
      int(0, 2 ** 35 - 1).map((value) => ({ kind: 'uvarint' as const, value })),
      fc.integer().map((value) => ({ kind: 'varint' as const, value })),
      fc.maxSafeInteger().map((value) => ({ kind: 'varlong' as const, value })),
      fc.boolean().map((value) => ({ kind: 'bool' as const, value })),
      text.map((value) => ({ kind: 'string' as const, value })),
      text.map((value) => ({ kind: 'compactString' as const, value })),
      fc.option(text, { nil: null }).map((value) => ({ kind: 'nullableString' as const, value })),
      fc.option(text, { nil: null }).map((value) => ({ kind: 'compactNullableString' as const, value })),
      fc.option(blob, { nil: null }).map((value) => ({ kind: 'nullableBytes' as const, value })),
      fc.option(blob, { nil: null }).map((value) => ({ kind: 'compactNullableBytes' as const, value })),
      fc.array(fc.integer(), { maxLength: 20 }).map((value) => ({ kind: 'int32Array' as const, value })),
    );

    function write(writer: Writer, f: Field): void {
      switch (f.kind) {
        case 'int8': writer.int8(f.value); break;
        case 'int16': writer.int16(f.value); break;
        case 'int32': writer.int32(f.value); break;
        case 'uint32': writer.uint32(f.value); break;
        case 'int64': writer.int64(f.value); break;
        case 'uvarint': writer.uvarint(f.value); break;
        case 'varint': writer.varint(f.value); break;
        case 'varlong': writer.varlong(f.value); break;
        case 'bool': writer.bool(f.value); break;
        case 'string': writer.string(f.value); break;
        case 'compactString': writer.compactString(f.value); break;
        case 'nullableString': writer.nullableString(f.value); break;
        case 'compactNullableString': writer.compactNullableString(f.value); break;
        case 'nullableBytes': writer.nullableBytes(f.value); break;
        // Writer has no compact bytes of its own: this is how a flexible version would spell them.
        case 'compactNullableBytes':
          if (f.value === null) writer.uvarint(0);
          else writer.uvarint(f.value.length + 1).raw(f.value);
          break;
        case 'int32Array': writer.int32Array(f.value); break;
      }
    }

    function read(reader: Reader, kind: Field['kind']): Field['value'] {
      switch (kind) {
        case 'int8': return reader.int8();
        case 'int16': return reader.int16();
        case 'int32': return reader.int32();
        case 'uint32': return reader.uint32();
        case 'int64': return reader.int64();
        case 'uvarint': return reader.uvarint();
        case 'varint': return reader.varint();
        case 'varlong': return reader.varlong();
        case 'bool': return reader.bool();
        case 'string': return reader.string();
        case 'compactString': return reader.compactString();
        case 'nullableString': return reader.nullableString();
        case 'compactNullableString': return reader.compactNullableString();
        case 'nullableBytes': return reader.nullableBytes();
        case 'compactNullableBytes': return reader.compactNullableBytes();
        case 'int32Array': return reader.int32Array();
      }
    }

    it('any sequence of fields reads back as written, with no bytes left over', () => {
      fc.assert(
        fc.property(fc.array(field, { maxLength: 30 }), fc.integer({ min: 1, max: 64 }), (fields, initialSize) => {
          // A tiny initial buffer forces growth in the middle of fields.
          const writer = new Writer(initialSize);
          for (const f of fields) write(writer, f);
          const buffer = writer.toBuffer();
          expect(buffer.length).toBe(writer.length);
          const reader = new Reader(buffer);
          for (const f of fields) expect(read(reader, f.kind)).toEqual(f.value);
          expect(reader.remaining()).toBe(0);
        }),
        { numRuns: 300 },
      );
    });

    it('zig-zag varints stay within five bytes across the whole int32 range', () => {
      fc.assert(
        fc.property(fc.integer(), (value) => {
          const writer = new Writer();
          writer.varint(value);
          const buffer = writer.toBuffer();
          expect(buffer.length).toBeLessThanOrEqual(5);
          expect(new Reader(buffer).varint()).toBe(value);
        }),
      );
    });
  });
});
