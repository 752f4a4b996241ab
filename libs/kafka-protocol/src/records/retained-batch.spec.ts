import { hex, toHex, utf8 } from '../testing/hex';
import { decodeRecordBatch, encodeRecordBatch } from './record-batch';
import { Compression, hasValidCrc, readBatchHeader } from './record-batch-header';
import { retainRecords } from './retained-batch';

const T = 1_700_000_000_000;
const HORIZON = T + 1000;

/** Offsets 10-12: a=1, b=<tombstone>, a=2, from an idempotent producer. */
function threeRecords(compression = Compression.None): Buffer {
  return encodeRecordBatch(
    [
      { key: Buffer.from('a'), value: Buffer.from('1'), timestamp: T },
      { key: Buffer.from('b'), value: null, timestamp: T + 1 },
      { key: Buffer.from('a'), value: Buffer.from('2'), timestamp: T + 2 },
    ],
    { baseOffset: 10, compression, producerId: 7, producerEpoch: 1, baseSequence: 40 },
  );
}

// Pinned once from the bytes after the CRC field, as in the record-batch spec.
const RETAINED_CRC = '38ed9507';

describe('retainRecords', () => {
  it('keeps one tombstone at its own offset, stamped with the delete horizon, to the exact bytes', () => {
    const retained = retainRecords(threeRecords(), (r) => r.offset === 11, { deleteHorizonMs: HORIZON });
    expect(toHex(retained ?? Buffer.alloc(0))).toBe(
      toHex(
        hex(
          /* baseOffset: unchanged */ '000000000000000a',
          /* batchLength: 49 + 9 */ '0000003a',
          /* partitionLeaderEpoch */ 'ffffffff',
          /* magic */ '02',
          /* crc */ RETAINED_CRC,
          /* attributes: delete horizon set */ '0040',
          /* lastOffsetDelta: still 2, the batch ends where it did */ '00000002',
          /* baseTimestamp: the horizon */ '0000018bcfe56be8',
          /* maxTimestamp: of the survivor */ '0000018bcfe56801',
          /* producerId */ '0000000000000007',
          /* producerEpoch */ '0001',
          /* baseSequence */ '00000028',
          /* records count */ '00000001',
          /* record length 8 */ '10',
          /* attributes */ '00',
          /* timestampDelta -999 */ 'cd0f',
          /* offsetDelta 1 */ '02',
          /* key */ '02', utf8('b'),
          /* value: null */ '01',
          /* headers */ '00',
        ),
      ),
    );
    expect(hasValidCrc(retained ?? Buffer.alloc(0))).toBe(true);
  });

  it('reads back the survivors with their original offsets and timestamps', () => {
    const retained = retainRecords(threeRecords(), (r) => r.offset !== 10, { deleteHorizonMs: HORIZON }) ?? Buffer.alloc(0);
    expect(decodeRecordBatch(retained).map((r) => [r.offset, r.timestamp, r.key?.toString(), r.value?.toString() ?? null])).toEqual([
      [11, T + 1, 'b', null],
      [12, T + 2, 'a', '2'],
    ]);
    expect(readBatchHeader(retained)).toMatchObject({ deleteHorizonMs: HORIZON, baseTimestamp: HORIZON, lastOffsetDelta: 2, recordCount: 2 });
  });

  it('without a horizon takes the first survivor as the base timestamp', () => {
    const retained = retainRecords(threeRecords(), (r) => r.offset === 12, { deleteHorizonMs: -1 }) ?? Buffer.alloc(0);
    expect(readBatchHeader(retained)).toMatchObject({ deleteHorizonMs: -1, baseTimestamp: T + 2, maxTimestamp: T + 2, attributes: 0 });
    expect(decodeRecordBatch(retained).map((r) => r.offset)).toEqual([12]);
  });

  it('recompresses a gzip batch with gzip', () => {
    const retained = retainRecords(threeRecords(Compression.Gzip), (r) => r.offset === 12, { deleteHorizonMs: -1 }) ?? Buffer.alloc(0);
    expect(readBatchHeader(retained).compression).toBe(Compression.Gzip);
    expect(hasValidCrc(retained)).toBe(true);
    expect(decodeRecordBatch(retained).map((r) => [r.offset, r.value?.toString()])).toEqual([[12, '2']]);
  });

  it('clears an old horizon when told to write none', () => {
    const stamped = retainRecords(threeRecords(), () => true, { deleteHorizonMs: HORIZON }) ?? Buffer.alloc(0);
    const cleared = retainRecords(stamped, (r) => r.value !== null, { deleteHorizonMs: -1 }) ?? Buffer.alloc(0);
    expect(readBatchHeader(cleared)).toMatchObject({ deleteHorizonMs: -1, attributes: 0 });
    expect(decodeRecordBatch(cleared).map((r) => [r.offset, r.timestamp])).toEqual([
      [10, T],
      [12, T + 2],
    ]);
  });

  it('returns null when nothing survives', () => {
    expect(retainRecords(threeRecords(), () => false, { deleteHorizonMs: -1 })).toBeNull();
  });
});
