import { decodeAll, encodeHex } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { listGroupsApi, type ListGroupsResponse } from './list-groups.api';

const response: ListGroupsResponse = { throttleTimeMs: 8, errorCode: 0, groups: [{ groupId: 'g1', protocolType: 'consumer' }] };
const GROUPS = [/* groups: 1 */ '00000001', '0002', utf8('g1'), '0008', utf8('consumer')];

describe('ListGroups codec', () => {
  // The request body is empty in every supported version, so there is nothing to truncate;
  // decodeAll still proves that the codec reads no bytes.
  it.each([0, 2])('v%i request has an empty body', (version) => {
    expect(decodeAll(listGroupsApi, version, hex(''))).toEqual({});
  });

  it('request does not swallow bytes that follow', () => {
    expect(() => decodeAll(listGroupsApi, 0, hex('00'))).toThrow(/left 1 of 1 bytes unread/);
  });

  it('v0 response: error code and groups', () => {
    expect(encodeHex(listGroupsApi, 0, response)).toBe(toHex(hex('0000', ...GROUPS)));
  });

  it.each([1, 2])('v%i response adds the throttle time', (version) => {
    expect(encodeHex(listGroupsApi, version, response)).toBe(toHex(hex('00000008', '0000', ...GROUPS)));
  });
});
