import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, listOffsetsApi, type ListOffsetsResponse } from './list-offsets.api';

const ORDERS = '0006' + utf8('orders');
const TOPICS = [
  /* topics: 1 */ '00000001',
  ORDERS,
  /* partitions: 2 */ '00000002',
  '00000000', /* timestamp: -2 (earliest) */ 'fffffffffffffffe',
  '00000001', /* timestamp: -1 (latest) */ 'ffffffffffffffff',
];
const decodedTopics = [
  {
    name: 'orders',
    partitions: [
      { partitionIndex: 0, timestamp: EARLIEST_TIMESTAMP },
      { partitionIndex: 1, timestamp: LATEST_TIMESTAMP },
    ],
  },
];

const v1Request = hex(/* replica_id */ 'ffffffff', ...TOPICS);
const v2Request = hex('ffffffff', /* isolation_level */ '01', ...TOPICS);

const response: ListOffsetsResponse = {
  throttleTimeMs: 3,
  topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, errorCode: 0, timestamp: -1, offset: 12 }] }],
};
const RESPONSE_TOPICS = ['00000001', ORDERS, '00000001', '00000000', '0000', /* timestamp */ 'ffffffffffffffff', /* offset */ '000000000000000c'];

describe('ListOffsets codec', () => {
  it('v1 request has no isolation level', () => {
    expect(decodeAll(listOffsetsApi, 1, v1Request)).toEqual({ replicaId: -1, isolationLevel: 0, topics: decodedTopics });
  });

  it.each([2, 3])('v%i request adds the isolation level', (version) => {
    expect(decodeAll(listOffsetsApi, version, v2Request)).toEqual({ replicaId: -1, isolationLevel: 1, topics: decodedTopics });
  });

  it.each([
    [1, v1Request],
    [3, v2Request],
  ])('v%i request truncated by one byte throws', (version, body) => {
    expect(() => decodeAll(listOffsetsApi, version, withoutLastByte(body))).toThrow(ProtocolDecodeError);
  });

  it('v1 response has no throttle time', () => {
    expect(encodeHex(listOffsetsApi, 1, response)).toBe(toHex(hex(...RESPONSE_TOPICS)));
  });

  it.each([2, 3])('v%i response starts with the throttle time', (version) => {
    expect(encodeHex(listOffsetsApi, version, response)).toBe(toHex(hex(/* throttle_time_ms */ '00000003', ...RESPONSE_TOPICS)));
  });
});
