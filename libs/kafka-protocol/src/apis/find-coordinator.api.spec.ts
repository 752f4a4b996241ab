import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { findCoordinatorApi, type FindCoordinatorResponse } from './find-coordinator.api';

const KEY = '0002' + utf8('g1');
const v0Request = hex(KEY);
const v1Request = hex(KEY, /* key_type: transaction */ '01');

const response: FindCoordinatorResponse = { throttleTimeMs: 0, errorCode: 0, errorMessage: null, nodeId: 1, host: 'localhost', port: 9092 };
const NODE = [/* node_id */ '00000001', /* host */ '0009', utf8('localhost'), /* port */ '00002384'];

describe('FindCoordinator codec', () => {
  it('v0 request is just the key (always a group)', () => {
    expect(decodeAll(findCoordinatorApi, 0, v0Request)).toEqual({ key: 'g1', keyType: 0 });
  });

  it.each([1, 2])('v%i request adds the key type', (version) => {
    expect(decodeAll(findCoordinatorApi, version, v1Request)).toEqual({ key: 'g1', keyType: 1 });
  });

  it.each([
    [0, v0Request],
    [2, v1Request],
  ])('v%i request truncated by one byte throws', (version, body) => {
    expect(() => decodeAll(findCoordinatorApi, version, withoutLastByte(body))).toThrow(ProtocolDecodeError);
  });

  it('v0 response: error code and node', () => {
    expect(encodeHex(findCoordinatorApi, 0, response)).toBe(toHex(hex('0000', ...NODE)));
  });

  it.each([1, 2])('v%i response adds throttle time and error message', (version) => {
    expect(encodeHex(findCoordinatorApi, version, { ...response, errorCode: 15, errorMessage: 'busy', nodeId: -1, host: '', port: -1 })).toBe(
      toHex(hex(/* throttle */ '00000000', /* COORDINATOR_NOT_AVAILABLE */ '000f', '0004', utf8('busy'), 'ffffffff', /* host: "" */ '0000', 'ffffffff')),
    );
    expect(encodeHex(findCoordinatorApi, version, response)).toBe(toHex(hex('00000000', '0000', /* error_message: null */ 'ffff', ...NODE)));
  });
});
