import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { offsetFetchApi, type OffsetFetchResponse } from './offset-fetch.api';

const GROUP = '0002' + utf8('g1');
const ORDERS = '0006' + utf8('orders');
const request = hex(GROUP, /* topics: 1 */ '00000001', ORDERS, /* partition_indexes: [0, 1] */ '00000002', '00000000', '00000001');
const decoded = { groupId: 'g1', topics: [{ name: 'orders', partitionIndexes: [0, 1] }] };

const response: OffsetFetchResponse = {
  throttleTimeMs: 1,
  topics: [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, committedOffset: 100, metadata: '', errorCode: 0 },
        { partitionIndex: 1, committedOffset: -1, metadata: null, errorCode: 0 },
      ],
    },
  ],
  errorCode: 0,
};
const RESPONSE_TOPICS = [
  '00000001', ORDERS, '00000002',
  '00000000', /* committed_offset */ '0000000000000064', /* metadata: "" */ '0000', /* error_code */ '0000',
  '00000001', /* committed_offset: none */ 'ffffffffffffffff', /* metadata: null */ 'ffff', '0000',
];

describe('OffsetFetch codec', () => {
  it.each([0, 1, 2, 4])('v%i request with named topics', (version) => {
    expect(decodeAll(offsetFetchApi, version, request)).toEqual(decoded);
  });

  it.each([2, 4])('v%i request: a null topic array asks for every committed partition', (version) => {
    expect(decodeAll(offsetFetchApi, version, hex(GROUP, 'ffffffff'))).toEqual({ groupId: 'g1', topics: null });
  });

  it.each([0, 1])('v%i request: a null topic array is not part of the grammar', (version) => {
    expect(() => decodeAll(offsetFetchApi, version, hex(GROUP, 'ffffffff'))).toThrow(ProtocolDecodeError);
  });

  it.each([0, 4])('v%i request truncated by one byte throws', (version) => {
    expect(() => decodeAll(offsetFetchApi, version, withoutLastByte(request))).toThrow(ProtocolDecodeError);
  });

  it.each([0, 1])('v%i response: topics only', (version) => {
    expect(encodeHex(offsetFetchApi, version, response)).toBe(toHex(hex(...RESPONSE_TOPICS)));
  });

  it('v2 response adds the top-level error code at the end', () => {
    expect(encodeHex(offsetFetchApi, 2, { ...response, errorCode: 16 })).toBe(toHex(hex(...RESPONSE_TOPICS, /* NOT_COORDINATOR */ '0010')));
  });

  it.each([3, 4])('v%i response adds the throttle time in front', (version) => {
    expect(encodeHex(offsetFetchApi, version, response)).toBe(toHex(hex('00000001', ...RESPONSE_TOPICS, '0000')));
  });
});
