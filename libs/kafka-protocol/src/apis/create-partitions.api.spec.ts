import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { createPartitionsApi } from './create-partitions.api';

const request = hex(
  /* topics: 2 */ '00000002',
  '0006', utf8('orders'), /* count */ '00000006', /* assignments: null */ 'ffffffff',
  '0005', utf8('audit'), '00000003', /* assignments: 1 */ '00000001', /* broker_ids: [1] */ '00000001', '00000001',
  /* timeout_ms */ '00007530',
  /* validate_only */ '00',
);

describe('CreatePartitions codec', () => {
  it.each([0, 1])('v%i request (manual assignments are read and dropped)', (version) => {
    expect(decodeAll(createPartitionsApi, version, request)).toEqual({
      topics: [
        { name: 'orders', count: 6 },
        { name: 'audit', count: 3 },
      ],
      timeoutMs: 30000,
      validateOnly: false,
    });
  });

  it.each([0, 1])('v%i request truncated by one byte throws', (version) => {
    expect(() => decodeAll(createPartitionsApi, version, withoutLastByte(request))).toThrow(ProtocolDecodeError);
  });

  it.each([0, 1])('v%i response', (version) => {
    const response = {
      throttleTimeMs: 0,
      results: [
        { name: 'orders', errorCode: 0, errorMessage: null },
        { name: 'audit', errorCode: 37, errorMessage: 'too few' },
      ],
    };
    expect(encodeHex(createPartitionsApi, version, response)).toBe(
      toHex(hex('00000000', '00000002', '0006', utf8('orders'), '0000', 'ffff', '0005', utf8('audit'), /* INVALID_PARTITIONS */ '0025', '0007', utf8('too few'))),
    );
  });
});
