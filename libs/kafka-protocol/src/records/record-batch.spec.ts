import { gzipSync } from 'node:zlib';
import { KafkaProtocolError } from '../errors/kafka-protocol-error';
import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { hex, toHex, utf8 } from '../testing/hex';
import { crc32c } from './crc32c';
import { decodeRecordBatch, encodeRecordBatch, type NewRecord } from './record-batch';
import {
  BATCH_HEADER_SIZE,
  Compression,
  computeBatchCrc,
  hasValidCrc,
  readBatchHeader,
  setBaseOffset,
  splitBatches,
  writeBatchCrc,
} from './record-batch-header';

const T = 1_700_000_000_000;
const T_HEX = '0000018bcfe56800';

const record: NewRecord = { key: Buffer.from('k'), value: Buffer.from('v'), timestamp: T, headers: [{ key: 'h', value: Buffer.from('x') }] };

// Computed once from the bytes after the CRC field and pinned, so a wrong checksum range
// or polynomial shows up as a byte difference rather than agreeing with itself.
const FIXTURE_CRC = '5e93538d';

const FIXTURE = hex(
  /* baseOffset */ '0000000000000000',
  /* batchLength: 49 header bytes + 13 record bytes */ '0000003e',
  /* partitionLeaderEpoch */ 'ffffffff',
  /* magic */ '02',
  /* crc */ FIXTURE_CRC,
  /* attributes: no compression, CreateTime */ '0000',
  /* lastOffsetDelta */ '00000000',
  /* baseTimestamp */ T_HEX,
  /* maxTimestamp */ T_HEX,
  /* producerId: none */ 'ffffffffffffffff',
  /* producerEpoch */ 'ffff',
  /* baseSequence */ 'ffffffff',
  /* records count */ '00000001',
  /* record length: zig-zag 12 */ '18',
  /* attributes */ '00',
  /* timestampDelta */ '00',
  /* offsetDelta */ '00',
  /* key: length 1 */ '02', utf8('k'),
  /* value: length 1 */ '02', utf8('v'),
  /* header count 1 */ '02',
  /* header key */ '02', utf8('h'),
  /* header value */ '02', utf8('x'),
);

/** Rewrites attributes and CRC, as a producer that used another codec would have. */
function withCompression(batch: Buffer, compression: Compression): Buffer {
  const copy = Buffer.from(batch);
  copy.writeInt16BE(compression, 21);
  writeBatchCrc(copy);
  return copy;
}

describe('crc32c', () => {
  it('matches the CRC-32C check value', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('is unsigned', () => {
    expect(crc32c(Buffer.from('a'))).toBeGreaterThan(0);
    expect(crc32c(Buffer.from('a'))).toBe(0xc1d04330);
  });
});

describe('RecordBatch v2', () => {
  it('encodes one record with key, value and a header to the exact bytes', () => {
    expect(toHex(encodeRecordBatch([record], { now: 0 }))).toBe(toHex(FIXTURE));
  });

  it('the fixture CRC covers attributes through the end of the batch', () => {
    expect(computeBatchCrc(FIXTURE).toString(16).padStart(8, '0')).toBe(FIXTURE_CRC);
    expect(crc32c(FIXTURE.subarray(21))).toBe(parseInt(FIXTURE_CRC, 16));
    expect(hasValidCrc(FIXTURE)).toBe(true);
  });

  it('reads the header fields of the fixture', () => {
    expect(readBatchHeader(FIXTURE)).toEqual({
      baseOffset: 0,
      sizeInBytes: FIXTURE.length,
      partitionLeaderEpoch: -1,
      magic: 2,
      crc: parseInt(FIXTURE_CRC, 16),
      attributes: 0,
      compression: Compression.None,
      isTransactional: false,
      isControl: false,
      deleteHorizonMs: -1,
      lastOffsetDelta: 0,
      baseTimestamp: T,
      maxTimestamp: T,
      producerId: -1,
      producerEpoch: -1,
      baseSequence: -1,
      recordCount: 1,
    });
  });

  it('decodes the fixture', () => {
    expect(decodeRecordBatch(FIXTURE)).toEqual([
      { offset: 0, timestamp: T, key: Buffer.from('k'), value: Buffer.from('v'), headers: [{ key: 'h', value: Buffer.from('x') }] },
    ]);
  });

  it('setBaseOffset renumbers records without invalidating the CRC', () => {
    const batch = Buffer.from(FIXTURE);
    setBaseOffset(batch, 100);
    expect(toHex(batch.subarray(0, 8))).toBe('0000000000000064');
    expect(hasValidCrc(batch)).toBe(true);
    expect(decodeRecordBatch(batch)[0].offset).toBe(100);
  });

  it('writes offset and timestamp deltas and producer fields for several records', () => {
    const records: NewRecord[] = [
      { value: Buffer.from('a'), timestamp: T + 5 },
      { key: null, value: null, timestamp: T },
      { value: Buffer.from('c'), timestamp: T + 9, headers: [{ key: 'trace', value: null }] },
    ];
    const batch = encodeRecordBatch(records, { baseOffset: 10, producerId: 4096, producerEpoch: 1, baseSequence: 7 });
    const header = readBatchHeader(batch);
    expect(header).toMatchObject({ baseOffset: 10, lastOffsetDelta: 2, baseTimestamp: T, maxTimestamp: T + 9, producerId: 4096, producerEpoch: 1, baseSequence: 7, recordCount: 3 });
    expect(decodeRecordBatch(batch)).toEqual([
      { offset: 10, timestamp: T + 5, key: null, value: Buffer.from('a'), headers: [] },
      { offset: 11, timestamp: T, key: null, value: null, headers: [] },
      { offset: 12, timestamp: T + 9, key: null, value: Buffer.from('c'), headers: [{ key: 'trace', value: null }] },
    ]);
  });

  it('refuses an empty batch', () => {
    expect(() => encodeRecordBatch([])).toThrow(RangeError);
  });

  describe('compression', () => {
    const records: NewRecord[] = Array.from({ length: 20 }, (_, i) => ({
      key: Buffer.from(`key-${i}`),
      value: Buffer.from('value '.repeat(50)),
      timestamp: T + i,
      headers: [{ key: 'i', value: Buffer.from(String(i)) }],
    }));

    it('gzip round-trips and marks the codec in the attributes', () => {
      const batch = encodeRecordBatch(records, { compression: Compression.Gzip });
      expect(readBatchHeader(batch).compression).toBe(Compression.Gzip);
      expect(batch.readInt16BE(21) & 0x07).toBe(1);
      // gzip magic right after the header: the records really are compressed as a whole.
      expect(toHex(batch.subarray(BATCH_HEADER_SIZE, BATCH_HEADER_SIZE + 2))).toBe('1f8b');
      expect(hasValidCrc(batch)).toBe(true);
      expect(batch.length).toBeLessThan(encodeRecordBatch(records).length);
      expect(decodeRecordBatch(batch)).toEqual(
        records.map((r, i) => ({ offset: i, timestamp: T + i, key: r.key, value: r.value, headers: r.headers })),
      );
    });

    it('decodes a gzip batch whose payload another producer compressed', () => {
      const plain = encodeRecordBatch([record], { now: 0 });
      const payload = gzipSync(plain.subarray(BATCH_HEADER_SIZE), { level: 1 });
      const batch = Buffer.concat([plain.subarray(0, BATCH_HEADER_SIZE), payload]);
      batch.writeInt32BE(BATCH_HEADER_SIZE - 12 + payload.length, 8);
      const gzipped = withCompression(batch, Compression.Gzip);
      expect(decodeRecordBatch(gzipped)).toEqual(decodeRecordBatch(FIXTURE));
    });

    it('a gzip payload that does not inflate is CORRUPT_MESSAGE', () => {
      const batch = withCompression(FIXTURE, Compression.Gzip);
      expect(() => decodeRecordBatch(batch)).toThrow(KafkaProtocolError);
      expect(() => decodeRecordBatch(batch)).toThrow(expect.objectContaining({ error: expect.objectContaining({ code: 2 }) }));
    });

    it.each([Compression.Snappy, Compression.Lz4, Compression.Zstd])('codec %i is refused with UNSUPPORTED_COMPRESSION_TYPE (76)', (compression) => {
      const caught: unknown[] = [];
      for (const attempt of [() => encodeRecordBatch([record], { compression }), () => decodeRecordBatch(withCompression(FIXTURE, compression))]) {
        try {
          attempt();
        } catch (error) {
          caught.push(error);
        }
      }
      expect(caught).toHaveLength(2);
      for (const error of caught) {
        expect(error).toBeInstanceOf(KafkaProtocolError);
        expect((error as KafkaProtocolError).error.code).toBe(76);
      }
    });
  });

  describe('integrity', () => {
    it('hasValidCrc notices a flipped bit in a record', () => {
      const batch = Buffer.from(FIXTURE);
      batch[batch.length - 1] ^= 0x01;
      expect(hasValidCrc(batch)).toBe(false);
    });

    it('hasValidCrc notices a changed attribute, which the CRC covers', () => {
      const batch = Buffer.from(FIXTURE);
      batch.writeInt16BE(0x10, 21);
      expect(hasValidCrc(batch)).toBe(false);
    });

    it('hasValidCrc is false for fewer bytes than a header', () => {
      expect(hasValidCrc(FIXTURE.subarray(0, BATCH_HEADER_SIZE - 1))).toBe(false);
    });

    it('refuses magic other than 2', () => {
      const batch = Buffer.from(FIXTURE);
      batch.writeInt8(1, 16);
      expect(() => decodeRecordBatch(batch)).toThrow(ProtocolDecodeError);
    });

    it('refuses bytes after the declared records', () => {
      const batch = Buffer.concat([FIXTURE, hex('00')]);
      batch.writeInt32BE(FIXTURE.readInt32BE(8) + 1, 8);
      expect(() => decodeRecordBatch(batch)).toThrow(ProtocolDecodeError);
    });

    it('refuses a record count larger than the records present', () => {
      const batch = Buffer.from(FIXTURE);
      batch.writeInt32BE(2, 57);
      expect(() => decodeRecordBatch(batch)).toThrow(ProtocolDecodeError);
    });
  });

  describe('splitBatches', () => {
    const second = encodeRecordBatch([{ value: Buffer.from('second'), timestamp: T }], { baseOffset: 1 });

    it('splits back-to-back batches', () => {
      const batches = splitBatches(Buffer.concat([FIXTURE, second]));
      expect(batches.map(toHex)).toEqual([toHex(FIXTURE), toHex(second)]);
    });

    it('an empty records field has no batches', () => {
      expect(splitBatches(Buffer.alloc(0))).toEqual([]);
    });

    it('rejects a batch truncated by one byte', () => {
      expect(() => splitBatches(Buffer.concat([FIXTURE, second]).subarray(0, FIXTURE.length + second.length - 1))).toThrow(ProtocolDecodeError);
    });

    it('rejects trailing bytes too short to hold a batch length', () => {
      expect(() => splitBatches(Buffer.concat([FIXTURE, hex('0000000000')]))).toThrow(ProtocolDecodeError);
    });

    it('rejects a batch length too small for the header', () => {
      const batch = Buffer.from(FIXTURE);
      batch.writeInt32BE(10, 8);
      expect(() => splitBatches(batch)).toThrow(ProtocolDecodeError);
    });
  });
});
