import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { leaveGroupApi, type LeaveGroupResponse } from './leave-group.api';

const GROUP = '0002' + utf8('g1');
const v0Request = hex(GROUP, /* member_id */ '0003', utf8('m-1'));
const v3Request = hex(
  GROUP,
  /* members: 2 */ '00000002',
  '0003', utf8('m-1'), /* group_instance_id: null */ 'ffff',
  '0003', utf8('m-2'), '0005', utf8('pod-2'),
);

const response: LeaveGroupResponse = {
  throttleTimeMs: 6,
  errorCode: 0,
  members: [{ memberId: 'm-2', groupInstanceId: 'pod-2', errorCode: 25 }],
};

describe('LeaveGroup codec', () => {
  it.each([0, 2])('v%i request names a single member', (version) => {
    expect(decodeAll(leaveGroupApi, version, v0Request)).toEqual({ groupId: 'g1', members: [{ memberId: 'm-1', groupInstanceId: null }] });
  });

  it('v3 request carries a batch of member identities', () => {
    expect(decodeAll(leaveGroupApi, 3, v3Request)).toEqual({
      groupId: 'g1',
      members: [
        { memberId: 'm-1', groupInstanceId: null },
        { memberId: 'm-2', groupInstanceId: 'pod-2' },
      ],
    });
  });

  it.each([
    [0, v0Request],
    [3, v3Request],
  ])('v%i request truncated by one byte throws', (version, body) => {
    expect(() => decodeAll(leaveGroupApi, version, withoutLastByte(body))).toThrow(ProtocolDecodeError);
  });

  it('v0 response is only the error code', () => {
    expect(encodeHex(leaveGroupApi, 0, response)).toBe(toHex(hex('0000')));
  });

  it.each([1, 2])('v%i response adds the throttle time', (version) => {
    expect(encodeHex(leaveGroupApi, version, response)).toBe(toHex(hex('00000006', '0000')));
  });

  it('v3 response adds per-member results', () => {
    expect(encodeHex(leaveGroupApi, 3, response)).toBe(
      toHex(hex('00000006', '0000', /* members: 1 */ '00000001', '0003', utf8('m-2'), '0005', utf8('pod-2'), /* UNKNOWN_MEMBER_ID */ '0019')),
    );
  });
});
