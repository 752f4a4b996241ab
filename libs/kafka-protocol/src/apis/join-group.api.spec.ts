import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { joinGroupApi, type JoinGroupRequest, type JoinGroupResponse } from './join-group.api';

const GROUP = '0002' + utf8('g1');
const SESSION_TIMEOUT = /* 10000 */ '00002710';
const REBALANCE_TIMEOUT = /* 300000 */ '000493e0';
const MEMBER = /* member_id: "" (new member) */ '0000';
const PROTOCOLS = [
  /* protocol_type */ '0008', utf8('consumer'),
  /* protocols: 1 */ '00000001',
  '0005', utf8('range'), /* metadata: 3 bytes */ '00000003', '000102',
];

const requests: [number, Buffer][] = [
  [0, hex(GROUP, SESSION_TIMEOUT, MEMBER, ...PROTOCOLS)],
  [1, hex(GROUP, SESSION_TIMEOUT, REBALANCE_TIMEOUT, MEMBER, ...PROTOCOLS)],
  [4, hex(GROUP, SESSION_TIMEOUT, REBALANCE_TIMEOUT, MEMBER, ...PROTOCOLS)],
  [5, hex(GROUP, SESSION_TIMEOUT, REBALANCE_TIMEOUT, MEMBER, /* group_instance_id */ '0005', utf8('pod-0'), ...PROTOCOLS)],
];

function expected(version: number): JoinGroupRequest {
  return {
    groupId: 'g1',
    sessionTimeoutMs: 10000,
    // v0 has no rebalance timeout; the session timeout stands in for it.
    rebalanceTimeoutMs: version >= 1 ? 300000 : 10000,
    memberId: '',
    groupInstanceId: version >= 5 ? 'pod-0' : null,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: hex('000102') }],
  };
}

const response: JoinGroupResponse = {
  throttleTimeMs: 0,
  errorCode: 0,
  generationId: 1,
  protocolName: 'range',
  leader: 'm-1',
  memberId: 'm-1',
  members: [{ memberId: 'm-1', groupInstanceId: 'pod-0', metadata: hex('0a0b') }],
};
const HEAD = [/* error_code */ '0000', /* generation_id */ '00000001', '0005', utf8('range'), /* leader */ '0003', utf8('m-1'), /* member_id */ '0003', utf8('m-1')];

describe('JoinGroup codec', () => {
  it.each(requests)('v%i request', (version, body) => {
    expect(decodeAll(joinGroupApi, version, body)).toEqual(expected(version));
  });

  it.each(requests)('v%i request truncated by one byte throws', (version, body) => {
    expect(() => decodeAll(joinGroupApi, version, withoutLastByte(body))).toThrow(ProtocolDecodeError);
  });

  it.each([0, 1])('v%i response has no throttle time', (version) => {
    expect(encodeHex(joinGroupApi, version, response)).toBe(
      toHex(hex(...HEAD, /* members: 1 */ '00000001', '0003', utf8('m-1'), /* metadata */ '00000002', '0a0b')),
    );
  });

  it.each([2, 4])('v%i response adds the throttle time', (version) => {
    expect(encodeHex(joinGroupApi, version, response)).toBe(toHex(hex('00000000', ...HEAD, '00000001', '0003', utf8('m-1'), '00000002', '0a0b')));
  });

  it('v4 response hands a new member its id with MEMBER_ID_REQUIRED', () => {
    expect(encodeHex(joinGroupApi, 4, { ...response, errorCode: 79, generationId: -1, protocolName: '', leader: '', members: [] })).toBe(
      toHex(hex('00000000', '004f', 'ffffffff', '0000', '0000', '0003', utf8('m-1'), '00000000')),
    );
  });

  it('v5 response adds group_instance_id to each member', () => {
    expect(encodeHex(joinGroupApi, 5, response)).toBe(
      toHex(hex('00000000', ...HEAD, '00000001', '0003', utf8('m-1'), /* group_instance_id */ '0005', utf8('pod-0'), '00000002', '0a0b')),
    );
  });
});
