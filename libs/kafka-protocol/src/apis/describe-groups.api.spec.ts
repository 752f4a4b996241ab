import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { describeGroupsApi, type DescribeGroupsResponse } from './describe-groups.api';

const request = hex(/* groups: 2 */ '00000002', '0002', utf8('g1'), '0002', utf8('g2'));

const response: DescribeGroupsResponse = {
  throttleTimeMs: 0,
  groups: [
    {
      errorCode: 0,
      groupId: 'g1',
      groupState: 'Stable',
      protocolType: 'consumer',
      protocolData: 'range',
      members: [{ memberId: 'm-1', clientId: 'c', clientHost: '/127.0.0.1', memberMetadata: hex('01'), memberAssignment: hex('0203') }],
    },
  ],
};
const GROUPS = [
  '00000001',
  /* error_code */ '0000',
  '0002', utf8('g1'),
  '0006', utf8('Stable'),
  '0008', utf8('consumer'),
  '0005', utf8('range'),
  /* members: 1 */ '00000001',
  '0003', utf8('m-1'),
  '0001', utf8('c'),
  '000a', utf8('/127.0.0.1'),
  /* member_metadata */ '00000001', '01',
  /* member_assignment */ '00000002', '0203',
];

describe('DescribeGroups codec', () => {
  it.each([0, 2])('v%i request', (version) => {
    expect(decodeAll(describeGroupsApi, version, request)).toEqual({ groups: ['g1', 'g2'] });
  });

  it.each([0, 2])('v%i request truncated by one byte throws', (version) => {
    expect(() => decodeAll(describeGroupsApi, version, withoutLastByte(request))).toThrow(ProtocolDecodeError);
  });

  it('v0 response has no throttle time', () => {
    expect(encodeHex(describeGroupsApi, 0, response)).toBe(toHex(hex(...GROUPS)));
  });

  it.each([1, 2])('v%i response adds the throttle time', (version) => {
    expect(encodeHex(describeGroupsApi, version, response)).toBe(toHex(hex('00000000', ...GROUPS)));
  });
});
