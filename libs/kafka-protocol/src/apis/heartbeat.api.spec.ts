import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { heartbeatApi } from './heartbeat.api';

const BASE = ['0002' + utf8('g1'), /* generation_id */ '00000007', '0003' + utf8('m-1')];
const v0Request = hex(...BASE);
const v3Request = hex(...BASE, /* group_instance_id */ '0005', utf8('pod-0'));

describe('Heartbeat codec', () => {
  it.each([0, 2])('v%i request', (version) => {
    expect(decodeAll(heartbeatApi, version, v0Request)).toEqual({ groupId: 'g1', generationId: 7, memberId: 'm-1', groupInstanceId: null });
  });

  it('v3 request adds group_instance_id', () => {
    expect(decodeAll(heartbeatApi, 3, v3Request)).toEqual({ groupId: 'g1', generationId: 7, memberId: 'm-1', groupInstanceId: 'pod-0' });
    expect(decodeAll(heartbeatApi, 3, hex(...BASE, 'ffff'))).toMatchObject({ groupInstanceId: null });
  });

  it.each([
    [0, v0Request],
    [3, v3Request],
  ])('v%i request truncated by one byte throws', (version, body) => {
    expect(() => decodeAll(heartbeatApi, version, withoutLastByte(body))).toThrow(ProtocolDecodeError);
  });

  it('v0 response is only the error code', () => {
    expect(encodeHex(heartbeatApi, 0, { throttleTimeMs: 4, errorCode: 27 })).toBe(toHex(hex(/* REBALANCE_IN_PROGRESS */ '001b')));
  });

  it.each([1, 3])('v%i response adds the throttle time', (version) => {
    expect(encodeHex(heartbeatApi, version, { throttleTimeMs: 4, errorCode: 27 })).toBe(toHex(hex('00000004', '001b')));
  });
});
