import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { produceApi, type ProduceResponse } from './produce.api';

const ORDERS = '0006' + utf8('orders');

// The records field is opaque to this codec (record batches are parsed elsewhere), so any bytes do.
const v3Request = hex(
  /* transactional_id: null */ 'ffff',
  /* acks: -1 */ 'ffff',
  /* timeout_ms: 30000 */ '00007530',
  /* topic_data: 1 */ '00000001',
  /* name */ ORDERS,
  /* partition_data: 1 */ '00000001',
  /* index */ '00000002',
  /* records: 4 bytes */ '00000004', 'deadbeef',
);

const v7Request = hex(
  /* transactional_id */ '0002', utf8('tx'),
  /* acks: 1 */ '0001',
  /* timeout_ms: 1500 */ '000005dc',
  /* topic_data: 1 */ '00000001',
  ORDERS,
  /* partition_data: 2 */ '00000002',
  '00000000', /* records: null */ 'ffffffff',
  '00000001', /* records: 2 bytes */ '00000002', 'cafe',
);

const response: ProduceResponse = {
  topics: [{ name: 'orders', partitions: [{ index: 2, errorCode: 0, baseOffset: 42, logAppendTimeMs: -1, logStartOffset: 7 }] }],
  throttleTimeMs: 0,
};

describe('Produce codec', () => {
  it('v3 request', () => {
    expect(decodeAll(produceApi, 3, v3Request)).toEqual({
      transactionalId: null,
      acks: -1,
      timeoutMs: 30000,
      topics: [{ name: 'orders', partitions: [{ index: 2, records: hex('deadbeef') }] }],
    });
  });

  it('v7 request with a transactional id and a null records field', () => {
    expect(decodeAll(produceApi, 7, v7Request)).toEqual({
      transactionalId: 'tx',
      acks: 1,
      timeoutMs: 1500,
      topics: [
        {
          name: 'orders',
          partitions: [
            { index: 0, records: null },
            { index: 1, records: hex('cafe') },
          ],
        },
      ],
    });
  });

  it.each([
    [3, v3Request],
    [7, v7Request],
  ])('v%i request truncated by one byte throws', (version, body) => {
    expect(() => decodeAll(produceApi, version, withoutLastByte(body))).toThrow(ProtocolDecodeError);
  });

  it.each([3, 4])('v%i response has log_append_time but no log_start_offset', (version) => {
    expect(encodeHex(produceApi, version, response)).toBe(
      toHex(
        hex(
          /* responses: 1 */ '00000001',
          ORDERS,
          /* partition_responses: 1 */ '00000001',
          /* index */ '00000002',
          /* error_code */ '0000',
          /* base_offset: 42 */ '000000000000002a',
          /* log_append_time_ms: -1 */ 'ffffffffffffffff',
          /* throttle_time_ms */ '00000000',
        ),
      ),
    );
  });

  it.each([5, 7])('v%i response adds log_start_offset', (version) => {
    expect(encodeHex(produceApi, version, response)).toBe(
      toHex(
        hex(
          '00000001',
          ORDERS,
          '00000001',
          '00000002',
          '0000',
          '000000000000002a',
          'ffffffffffffffff',
          /* log_start_offset: 7 */ '0000000000000007',
          '00000000',
        ),
      ),
    );
  });
});
