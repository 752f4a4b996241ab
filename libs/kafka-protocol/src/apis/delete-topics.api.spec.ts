import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { deleteTopicsApi, type DeleteTopicsResponse } from './delete-topics.api';

const request = hex(/* topic_names: 2 */ '00000002', '0006', utf8('orders'), '0005', utf8('audit'), /* timeout_ms: 30000 */ '00007530');

const response: DeleteTopicsResponse = {
  throttleTimeMs: 0,
  responses: [
    { name: 'orders', errorCode: 0 },
    { name: 'audit', errorCode: 3 },
  ],
};
const RESULTS = ['00000002', '0006', utf8('orders'), '0000', '0005', utf8('audit'), /* UNKNOWN_TOPIC_OR_PARTITION */ '0003'];

describe('DeleteTopics codec', () => {
  it.each([0, 1])('v%i request', (version) => {
    expect(decodeAll(deleteTopicsApi, version, request)).toEqual({ topicNames: ['orders', 'audit'], timeoutMs: 30000 });
  });

  it.each([0, 1])('v%i request truncated by one byte throws', (version) => {
    expect(() => decodeAll(deleteTopicsApi, version, withoutLastByte(request))).toThrow(ProtocolDecodeError);
  });

  it('v0 response has no throttle time', () => {
    expect(encodeHex(deleteTopicsApi, 0, response)).toBe(toHex(hex(...RESULTS)));
  });

  it('v1 response adds the throttle time', () => {
    expect(encodeHex(deleteTopicsApi, 1, response)).toBe(toHex(hex('00000000', ...RESULTS)));
  });
});
