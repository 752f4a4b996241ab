import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { Writer } from '../primitives/writer';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { fetchApi, type FetchRequest, type FetchResponse } from './fetch.api';

const ORDERS = '0006' + utf8('orders');

const HEAD = [
  /* replica_id: -1 */ 'ffffffff',
  /* max_wait_ms: 500 */ '000001f4',
  /* min_bytes: 1 */ '00000001',
  /* max_bytes: 52428800 */ '03200000',
  /* isolation_level: read_committed */ '01',
];
const SESSION = [/* session_id: 0 */ '00000000', /* session_epoch: -1 */ 'ffffffff'];
const FETCH_OFFSET = /* fetch_offset: 5 */ '0000000000000005';
const LOG_START_OFFSET = /* log_start_offset: -1 */ 'ffffffffffffffff';
const PARTITION_MAX_BYTES = /* partition_max_bytes: 1048576 */ '00100000';
const FORGOTTEN = [/* forgotten_topics_data: 1 */ '00000001', '0005', utf8('stale'), /* partitions: [3] */ '00000001', '00000003'];

// Session fields default to "no session" before v7; the fixtures send the same values from v7 on.
const expected: FetchRequest = {
  replicaId: -1,
  maxWaitMs: 500,
  minBytes: 1,
  maxBytes: 52428800,
  isolationLevel: 1,
  sessionId: 0,
  sessionEpoch: -1,
  topics: [{ topic: 'orders', partitions: [{ partition: 3, fetchOffset: 5, partitionMaxBytes: 1048576 }] }],
};

const requests: [number, Buffer][] = [
  [4, hex(...HEAD, '00000001', ORDERS, '00000001', /* partition */ '00000003', FETCH_OFFSET, PARTITION_MAX_BYTES)],
  [5, hex(...HEAD, '00000001', ORDERS, '00000001', '00000003', FETCH_OFFSET, LOG_START_OFFSET, PARTITION_MAX_BYTES)],
  [7, hex(...HEAD, ...SESSION, '00000001', ORDERS, '00000001', '00000003', FETCH_OFFSET, LOG_START_OFFSET, PARTITION_MAX_BYTES, ...FORGOTTEN)],
  [
    9,
    hex(...HEAD, ...SESSION, '00000001', ORDERS, '00000001', '00000003', /* current_leader_epoch */ '0000000c', FETCH_OFFSET, LOG_START_OFFSET, PARTITION_MAX_BYTES, ...FORGOTTEN),
  ],
  [
    11,
    hex(
      ...HEAD, ...SESSION, '00000001', ORDERS, '00000001', '00000003', '0000000c', FETCH_OFFSET, LOG_START_OFFSET, PARTITION_MAX_BYTES, ...FORGOTTEN,
      /* rack_id */ '0006', utf8('rack-a'),
    ),
  ],
];

const response: FetchResponse = {
  throttleTimeMs: 0,
  errorCode: 0,
  sessionId: 77,
  topics: [
    {
      topic: 'orders',
      partitions: [
        { partitionIndex: 3, errorCode: 0, highWatermark: 10, lastStableOffset: 9, logStartOffset: 1, records: [hex('cafe'), hex('babe')] },
        { partitionIndex: 4, errorCode: 1, highWatermark: -1, lastStableOffset: -1, logStartOffset: -1, records: null },
      ],
    },
  ],
};

function partitions(version: number): string[] {
  const first = ['00000003', '0000', '000000000000000a', '0000000000000009'];
  const second = ['00000004', '0001', 'ffffffffffffffff', 'ffffffffffffffff'];
  if (version >= 5) {
    first.push('0000000000000001');
    second.push('ffffffffffffffff');
  }
  // Aborted transactions are always sent as null: we do not write transactional aborts.
  first.push('ffffffff');
  second.push('ffffffff');
  if (version >= 11) {
    first.push(/* preferred_read_replica */ 'ffffffff');
    second.push('ffffffff');
  }
  first.push(/* records: the two chunks back to back */ '00000004', 'cafebabe');
  second.push(/* records: null */ 'ffffffff');
  return ['00000002', ...first, ...second];
}

describe('Fetch codec', () => {
  it.each(requests)('v%i request', (version, body) => {
    expect(decodeAll(fetchApi, version, body)).toEqual(expected);
  });

  it('v7 request reads a real session id and epoch', () => {
    const body = hex(...HEAD, '0000002a', '00000003', /* no topics */ '00000000', /* no forgotten */ '00000000');
    expect(decodeAll(fetchApi, 7, body)).toMatchObject({ sessionId: 42, sessionEpoch: 3, topics: [] });
  });

  it.each(requests)('v%i request truncated by one byte throws', (version, body) => {
    expect(() => decodeAll(fetchApi, version, withoutLastByte(body))).toThrow(ProtocolDecodeError);
  });

  it('v4 response: throttle, no session fields, no log_start_offset', () => {
    expect(encodeHex(fetchApi, 4, response)).toBe(toHex(hex('00000000', '00000001', ORDERS, ...partitions(4))));
  });

  it('v5 response adds log_start_offset', () => {
    expect(encodeHex(fetchApi, 5, response)).toBe(toHex(hex('00000000', '00000001', ORDERS, ...partitions(5))));
  });

  it('v7 response adds the top-level error code and session id', () => {
    expect(encodeHex(fetchApi, 7, response)).toBe(
      toHex(hex('00000000', /* error_code */ '0000', /* session_id: 77 */ '0000004d', '00000001', ORDERS, ...partitions(7))),
    );
  });

  it('v11 response adds preferred_read_replica', () => {
    expect(encodeHex(fetchApi, 11, response)).toBe(toHex(hex('00000000', '0000', '0000004d', '00000001', ORDERS, ...partitions(11))));
  });

  it('keeps a large record batch by reference instead of copying it', () => {
    const batch = Buffer.alloc(4096, 0xab);
    const writer = new Writer();
    fetchApi.encodeResponse(writer, 11, {
      ...response,
      topics: [{ topic: 'orders', partitions: [{ ...response.topics[0].partitions[0], records: [batch] }] }],
    });
    const chunks = writer.toChunks();
    expect(chunks).toContain(batch);
    expect(chunks[chunks.indexOf(batch) - 1].subarray(-4).readInt32BE(0)).toBe(4096);
    expect(writer.length).toBe(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  });
});
