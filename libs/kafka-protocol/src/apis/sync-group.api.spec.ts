import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { syncGroupApi } from './sync-group.api';

const BASE = ['0002' + utf8('g1'), /* generation_id */ '00000003', '0003' + utf8('m-1')];
const ASSIGNMENTS = [/* assignments: 1 */ '00000001', '0003', utf8('m-1'), /* assignment: 4 bytes */ '00000004', '00010203'];
const v0Request = hex(...BASE, ...ASSIGNMENTS);
const v3Request = hex(...BASE, /* group_instance_id: null */ 'ffff', ...ASSIGNMENTS);

const decoded = {
  groupId: 'g1',
  generationId: 3,
  memberId: 'm-1',
  groupInstanceId: null,
  assignments: [{ memberId: 'm-1', assignment: hex('00010203') }],
};

describe('SyncGroup codec', () => {
  it.each([0, 2])('v%i request', (version) => {
    expect(decodeAll(syncGroupApi, version, v0Request)).toEqual(decoded);
  });

  it('v3 request adds group_instance_id before the assignments', () => {
    expect(decodeAll(syncGroupApi, 3, v3Request)).toEqual(decoded);
    const withInstance = hex(...BASE, '0005', utf8('pod-0'), /* follower: no assignments */ '00000000');
    expect(decodeAll(syncGroupApi, 3, withInstance)).toEqual({ ...decoded, groupInstanceId: 'pod-0', assignments: [] });
  });

  it.each([
    [0, v0Request],
    [3, v3Request],
  ])('v%i request truncated by one byte throws', (version, body) => {
    expect(() => decodeAll(syncGroupApi, version, withoutLastByte(body))).toThrow(ProtocolDecodeError);
  });

  it('v0 response: error code and assignment', () => {
    expect(encodeHex(syncGroupApi, 0, { throttleTimeMs: 1, errorCode: 0, assignment: hex('0a0b0c') })).toBe(
      toHex(hex('0000', '00000003', '0a0b0c')),
    );
  });

  it.each([1, 3])('v%i response adds the throttle time', (version) => {
    expect(encodeHex(syncGroupApi, version, { throttleTimeMs: 1, errorCode: 27, assignment: hex('') })).toBe(
      toHex(hex('00000001', '001b', /* empty assignment */ '00000000')),
    );
  });
});
