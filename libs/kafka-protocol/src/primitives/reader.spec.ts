import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { hex } from '../testing/hex';
import { Reader } from './reader';

const read = (...segments: string[]): Reader => new Reader(hex(...segments));

// Zig-zag maps signed to unsigned as 0,-1,1,-2,... -> 0,1,2,3,... then LEB128-encodes it.
const ZIGZAG_VECTORS: [number, string][] = [
  [0, '00'],
  [-1, '01'],
  [1, '02'],
  [63, '7e'],
  [-64, '7f'],
  [64, '8001'],
  [-65, '8101'],
  [2 ** 31 - 1, 'feffffff0f'],
  [-(2 ** 31), 'ffffffff0f'],
];

describe('Reader', () => {
  describe('fixed-width integers are big-endian and signed', () => {
    it('int8 / bool', () => {
      const reader = read('7f', '80', '00', '01', '02');
      expect([reader.int8(), reader.int8()]).toEqual([127, -128]);
      expect([reader.bool(), reader.bool(), reader.bool()]).toEqual([false, true, true]);
    });

    it('int16 / int32 / uint32', () => {
      const reader = read('fffe', '7fff', '80000000', '00000102', 'ffffffff');
      expect(reader.int16()).toBe(-2);
      expect(reader.int16()).toBe(32767);
      expect(reader.int32()).toBe(-(2 ** 31));
      expect(reader.int32()).toBe(258);
      expect(reader.uint32()).toBe(0xffffffff);
    });

    it('int64', () => {
      const reader = read('0000018bcfe56800', 'ffffffffffffffff', '001fffffffffffff');
      expect(reader.int64()).toBe(1_700_000_000_000);
      expect(reader.int64()).toBe(-1);
      expect(reader.int64()).toBe(Number.MAX_SAFE_INTEGER);
    });

    it('uuid is 16 raw bytes', () => {
      expect(read('00112233445566778899aabbccddeeff').uuid().toString('hex')).toBe('00112233445566778899aabbccddeeff');
    });
  });

  describe('varints', () => {
    it.each([
      [0, '00'],
      [127, '7f'],
      [128, '8001'],
      [300, 'ac02'],
      [2 ** 32 - 1, 'ffffffff0f'],
    ])('uvarint %d <- %s', (value, encoded) => {
      const reader = read(encoded);
      expect(reader.uvarint()).toBe(value);
      expect(reader.remaining()).toBe(0);
    });

    it('uvarint refuses a sixth byte', () => {
      expect(() => read('ffffffffff01').uvarint()).toThrow(ProtocolDecodeError);
    });

    it.each(ZIGZAG_VECTORS)('varint %d <- %s', (value, encoded) => {
      const reader = read(encoded);
      expect(reader.varint()).toBe(value);
      expect(reader.remaining()).toBe(0);
    });

    it.each([
      ...ZIGZAG_VECTORS,
      [2 ** 31, '8080808010'],
      [-(2 ** 31) - 1, '8180808010'],
      [Number.MAX_SAFE_INTEGER, 'feffffffffffff1f'],
      [Number.MIN_SAFE_INTEGER, 'fdffffffffffff1f'],
    ] as [number, string][])('varlong %d <- %s', (value, encoded) => {
      const reader = read(encoded);
      expect(reader.varlong()).toBe(value);
      expect(reader.remaining()).toBe(0);
    });

    it('varlong accepts ten bytes and refuses an eleventh', () => {
      // zig-zag of int64 min is 2^64-1: nine 0xff bytes and a final 0x01.
      expect(read('ffffffffffffffffff01').varlong()).toBe(-(2 ** 63));
      expect(() => read('ffffffffffffffffffff01').varlong()).toThrow(ProtocolDecodeError);
    });

    it('a varint cut off in its continuation bytes throws', () => {
      expect(() => read('ff').varint()).toThrow(ProtocolDecodeError);
      expect(() => read('8080').varlong()).toThrow(ProtocolDecodeError);
    });
  });

  describe('strings and bytes', () => {
    it('string / nullableString use an int16 length', () => {
      const reader = read('0003', '616263', '0000', 'ffff', '0004', 'c3a9c3a9');
      expect(reader.string()).toBe('abc');
      expect(reader.string()).toBe('');
      expect(reader.nullableString()).toBeNull();
      expect(reader.nullableString()).toBe('éé');
    });

    it('string refuses null', () => {
      expect(() => read('ffff').string()).toThrow(ProtocolDecodeError);
    });

    it('compact strings store length + 1 as a uvarint, 0 meaning null', () => {
      const reader = read('04', '616263', '01', '00');
      expect(reader.compactString()).toBe('abc');
      expect(reader.compactString()).toBe('');
      expect(reader.compactNullableString()).toBeNull();
      expect(() => read('00').compactString()).toThrow(ProtocolDecodeError);
    });

    it('a compact string longer than 127 bytes has a two-byte length', () => {
      const reader = new Reader(Buffer.concat([hex('8101'), Buffer.alloc(128, 0x61)]));
      expect(reader.compactString()).toBe('a'.repeat(128));
    });

    it('bytes / nullableBytes use an int32 length', () => {
      const reader = read('00000002', 'abcd', 'ffffffff', '00000000');
      expect(reader.bytes().toString('hex')).toBe('abcd');
      expect(reader.nullableBytes()).toBeNull();
      expect(reader.nullableBytes()?.length).toBe(0);
      expect(() => read('ffffffff').bytes()).toThrow(ProtocolDecodeError);
    });

    it('compactNullableBytes', () => {
      const reader = read('03', 'abcd', '00');
      expect(reader.compactNullableBytes()?.toString('hex')).toBe('abcd');
      expect(reader.compactNullableBytes()).toBeNull();
    });
  });

  describe('arrays', () => {
    it('array / nullableArray use an int32 count, -1 meaning null', () => {
      const reader = read('00000002', '0001', '0002', 'ffffffff', '00000000');
      expect(reader.array((r) => r.int16())).toEqual([1, 2]);
      expect(reader.nullableArray((r) => r.int16())).toBeNull();
      expect(reader.nullableArray((r) => r.int16())).toEqual([]);
      expect(() => read('ffffffff').array((r) => r.int8())).toThrow(ProtocolDecodeError);
    });

    it('int32Array', () => {
      expect(read('00000002', '00000001', 'ffffffff').int32Array()).toEqual([1, -1]);
    });

    it('compactArray stores count + 1, and refuses the null encoding', () => {
      expect(read('03', '0001', '0002').compactArray((r) => r.int16())).toEqual([1, 2]);
      expect(read('01').compactArray((r) => r.int16())).toEqual([]);
      expect(() => read('00').compactArray((r) => r.int16())).toThrow(ProtocolDecodeError);
    });

    it('a count larger than the remaining bytes is refused before allocating', () => {
      const readItem = jest.fn((r: Reader) => r.int8());
      expect(() => read('7fffffff', '00').array(readItem)).toThrow(ProtocolDecodeError);
      expect(readItem).not.toHaveBeenCalled();
      expect(() => read('ffffffff07').compactArray(readItem)).toThrow(ProtocolDecodeError);
    });
  });

  describe('tagged fields', () => {
    it('skips every tagged field and stops at the next real field', () => {
      const reader = read(/* 2 fields */ '02', /* tag 0, 2 bytes */ '00 02 abcd', /* tag 300, 1 byte */ 'ac02 01 ff', /* next */ '2a');
      reader.taggedFields();
      expect(reader.int8()).toBe(42);
    });

    it('an empty tagged-field section is one zero byte', () => {
      const reader = read('00', '2a');
      reader.taggedFields();
      expect(reader.offset).toBe(1);
    });

    it('a tagged field whose size overruns the message throws', () => {
      expect(() => read('01', '00', '05', 'abcd').taggedFields()).toThrow(ProtocolDecodeError);
    });
  });

  describe('bounds', () => {
    it('a short read throws and does not move the cursor', () => {
      const reader = read('000000');
      expect(() => reader.int32()).toThrow(ProtocolDecodeError);
      expect(reader.offset).toBe(0);
      expect(reader.int16()).toBe(0);
    });

    it.each([
      ['int8', (r: Reader) => r.int8()],
      ['int16', (r: Reader) => r.int16()],
      ['int64', (r: Reader) => r.int64()],
      ['uuid', (r: Reader) => r.uuid()],
      ['uvarint', (r: Reader) => r.uvarint()],
      ['string', (r: Reader) => r.string()],
      ['bytes', (r: Reader) => r.bytes()],
    ])('%s on an empty buffer throws ProtocolDecodeError', (_name, readValue) => {
      expect(() => readValue(new Reader(Buffer.alloc(0)))).toThrow(ProtocolDecodeError);
    });

    it('a length prefix larger than the remaining bytes throws', () => {
      expect(() => read('0005', '6162').string()).toThrow(ProtocolDecodeError);
      expect(() => read('00000005', '6162').bytes()).toThrow(ProtocolDecodeError);
      expect(() => read('06', '6162').compactString()).toThrow(ProtocolDecodeError);
    });

    it('a negative raw size throws', () => {
      expect(() => read('00').raw(-1)).toThrow(ProtocolDecodeError);
    });

    it('a window over a larger buffer cannot read past its end', () => {
      const buffer = hex('aa', '0001', '0002', 'bb');
      const reader = new Reader(buffer, 1, 3);
      expect(reader.remaining()).toBe(2);
      expect(reader.int16()).toBe(1);
      expect(() => reader.int8()).toThrow(ProtocolDecodeError);
    });
  });
});
