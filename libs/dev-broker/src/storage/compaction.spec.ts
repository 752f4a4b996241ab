import { Compression, decodeRecordBatch, encodeRecordBatch, readBatchHeader } from '@touchpoint/kafka-protocol';
import { compactSegments } from './compaction';

const NOW = 1_700_000_000_000;

/** One batch at `baseOffset` of key=value pairs; a null value is a tombstone. */
function batch(baseOffset: number, pairs: [string | null, string | null][], compression = Compression.None): Buffer {
  return encodeRecordBatch(
    pairs.map(([key, value]) => ({ key: key === null ? null : Buffer.from(key), value: value === null ? null : Buffer.from(value), timestamp: NOW - 1000 })),
    { baseOffset, compression },
  );
}

function contents(batches: readonly Buffer[]): [number, string | undefined, string | null][] {
  return batches.flatMap((b) => decodeRecordBatch(b)).map((r) => [r.offset, r.key?.toString(), r.value?.toString() ?? null]);
}

describe('compactSegments', () => {
  it('keeps the latest record of each key across segments, at its original offset', () => {
    const pass = compactSegments(
      [
        [batch(0, [['a', '1'], ['b', '1']]), batch(2, [['a', '2']])],
        [batch(3, [['c', '1'], ['b', '2']])],
      ],
      NOW,
      1000,
    );
    expect(pass.segments.map((s) => (s ? contents(s) : 'unchanged'))).toEqual([
      [[2, 'a', '2']],
      'unchanged',
    ]);
    expect(pass.removedRecords).toBe(2);
  });

  it('leaves a segment that holds only latest records byte for byte', () => {
    const only = batch(0, [['x', '1'], ['y', '1']]);
    expect(compactSegments([[only]], NOW, 1000).segments).toEqual([null]);
  });

  it('drops records without a key', () => {
    const pass = compactSegments([[batch(0, [[null, 'orphan'], ['a', '1']])]], NOW, 1000);
    expect(contents(pass.segments[0] ?? [])).toEqual([[1, 'a', '1']]);
  });

  it('keeps a tombstone stamped with now + delete.retention.ms, then drops it once that has passed', () => {
    const first = compactSegments([[batch(0, [['a', '1'], ['a', null], ['b', '1']])]], NOW, 5000);
    const stamped = first.segments[0] ?? [];
    expect(contents(stamped)).toEqual([
      [1, 'a', null],
      [2, 'b', '1'],
    ]);
    expect(readBatchHeader(stamped[0]).deleteHorizonMs).toBe(NOW + 5000);

    // Before the horizon a second pass keeps it and changes nothing.
    const early = compactSegments([stamped], NOW + 4999, 5000);
    expect(early.segments).toEqual([null]);

    const late = compactSegments([stamped], NOW + 5000, 5000);
    expect(contents(late.segments[0] ?? [])).toEqual([[2, 'b', '1']]);
    expect(readBatchHeader((late.segments[0] ?? [])[0]).deleteHorizonMs).toBe(-1);
  });

  it('removes a batch that keeps nothing, and a value superseded by a later tombstone', () => {
    const pass = compactSegments([[batch(0, [['a', '1']]), batch(1, [['a', null]])]], NOW, 0);
    expect(contents(pass.segments[0] ?? [])).toEqual([[1, 'a', null]]);
    expect(pass.segments[0]).toHaveLength(1);
  });

  it('cleans gzip batches and writes the survivors gzip again', () => {
    const pass = compactSegments([[batch(0, [['a', '1'], ['a', '2'], ['b', '1']], Compression.Gzip)]], NOW, 1000);
    const cleaned = pass.segments[0] ?? [];
    expect(readBatchHeader(cleaned[0]).compression).toBe(Compression.Gzip);
    expect(contents(cleaned)).toEqual([
      [1, 'a', '2'],
      [2, 'b', '1'],
    ]);
  });
});
