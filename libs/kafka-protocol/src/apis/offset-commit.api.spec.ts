import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { offsetCommitApi, type OffsetCommitRequest, type OffsetCommitResponse } from './offset-commit.api';

const GROUP = '0002' + utf8('g1');
const MEMBER = '0003' + utf8('m-1');
const ORDERS = '0006' + utf8('orders');
const OFFSET = /* committed_offset: 100 */ '0000000000000064';
const METADATA = /* committed_metadata */ '0002' + utf8('md');

const requests: [number, Buffer][] = [
  [0, hex(GROUP, '00000001', ORDERS, '00000001', '00000000', OFFSET, METADATA)],
  [
    1,
    hex(
      GROUP, /* generation_id */ '00000004', MEMBER,
      '00000001', ORDERS, '00000001', '00000000', OFFSET, /* commit_timestamp (v1 only) */ '0000018bcfe56800', METADATA,
    ),
  ],
  [2, hex(GROUP, '00000004', MEMBER, /* retention_time_ms: -1 */ 'ffffffffffffffff', '00000001', ORDERS, '00000001', '00000000', OFFSET, METADATA)],
  [4, hex(GROUP, '00000004', MEMBER, 'ffffffffffffffff', '00000001', ORDERS, '00000001', '00000000', OFFSET, METADATA)],
  [5, hex(GROUP, '00000004', MEMBER, '00000001', ORDERS, '00000001', '00000000', OFFSET, METADATA)],
];

function expected(version: number): OffsetCommitRequest {
  return {
    groupId: 'g1',
    generationId: version >= 1 ? 4 : -1,
    memberId: version >= 1 ? 'm-1' : '',
    topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 100, committedMetadata: 'md' }] }],
  };
}

const response: OffsetCommitResponse = {
  throttleTimeMs: 2,
  topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, errorCode: 25 }] }],
};
const RESPONSE_TOPICS = ['00000001', ORDERS, '00000001', '00000000', /* UNKNOWN_MEMBER_ID */ '0019'];

describe('OffsetCommit codec', () => {
  it.each(requests)('v%i request', (version, body) => {
    expect(decodeAll(offsetCommitApi, version, body)).toEqual(expected(version));
  });

  it('v5 request keeps a null committed_metadata', () => {
    const body = hex(GROUP, 'ffffffff', '0000', '00000001', ORDERS, '00000001', '00000000', OFFSET, /* null */ 'ffff');
    expect(decodeAll(offsetCommitApi, 5, body)).toEqual({
      groupId: 'g1',
      generationId: -1,
      memberId: '',
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 100, committedMetadata: null }] }],
    });
  });

  it.each(requests)('v%i request truncated by one byte throws', (version, body) => {
    expect(() => decodeAll(offsetCommitApi, version, withoutLastByte(body))).toThrow(ProtocolDecodeError);
  });

  it.each([0, 2])('v%i response has no throttle time', (version) => {
    expect(encodeHex(offsetCommitApi, version, response)).toBe(toHex(hex(...RESPONSE_TOPICS)));
  });

  it.each([3, 5])('v%i response starts with the throttle time', (version) => {
    expect(encodeHex(offsetCommitApi, version, response)).toBe(toHex(hex('00000002', ...RESPONSE_TOPICS)));
  });
});
