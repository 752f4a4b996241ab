import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { deleteGroupsApi } from './delete-groups.api';

const request = hex(/* groups_names: 2 */ '00000002', '0002', utf8('g1'), '0002', utf8('g2'));

describe('DeleteGroups codec', () => {
  it.each([0, 1])('v%i request', (version) => {
    expect(decodeAll(deleteGroupsApi, version, request)).toEqual({ groupNames: ['g1', 'g2'] });
  });

  it.each([0, 1])('v%i request truncated by one byte throws', (version) => {
    expect(() => decodeAll(deleteGroupsApi, version, withoutLastByte(request))).toThrow(ProtocolDecodeError);
  });

  it.each([0, 1])('v%i response', (version) => {
    const response = {
      throttleTimeMs: 0,
      results: [
        { groupId: 'g1', errorCode: 0 },
        { groupId: 'g2', errorCode: 68 },
      ],
    };
    expect(encodeHex(deleteGroupsApi, version, response)).toBe(
      toHex(hex('00000000', '00000002', '0002', utf8('g1'), '0000', '0002', utf8('g2'), /* NON_EMPTY_GROUP */ '0044')),
    );
  });
});
