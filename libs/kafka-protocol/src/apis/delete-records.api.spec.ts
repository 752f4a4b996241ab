import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { deleteRecordsApi, type DeleteRecordsResponse } from './delete-records.api';

const request = hex(
  /* topics: 1 */ '00000001',
  '0006', utf8('orders'),
  /* partitions: 2 */ '00000002',
  '00000000', /* offset 4 */ '0000000000000004',
  '00000001', /* offset -1: the high watermark */ 'ffffffffffffffff',
  /* timeout_ms: 5000 */ '00001388',
);

const response: DeleteRecordsResponse = {
  throttleTimeMs: 0,
  topics: [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, lowWatermark: 4, errorCode: 0 },
        { partitionIndex: 1, lowWatermark: -1, errorCode: 1 },
      ],
    },
  ],
};

describe('DeleteRecords codec', () => {
  it.each([0, 1])('v%i request', (version) => {
    expect(decodeAll(deleteRecordsApi, version, request)).toEqual({
      topics: [
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 0, offset: 4 },
            { partitionIndex: 1, offset: -1 },
          ],
        },
      ],
      timeoutMs: 5000,
    });
  });

  it.each([0, 1])('v%i request truncated by one byte throws', (version) => {
    expect(() => decodeAll(deleteRecordsApi, version, withoutLastByte(request))).toThrow(ProtocolDecodeError);
  });

  it.each([0, 1])('v%i response carries the throttle time and a low watermark per partition', (version) => {
    expect(encodeHex(deleteRecordsApi, version, response)).toBe(
      toHex(
        hex(
          /* throttle_time_ms */ '00000000',
          /* topics: 1 */ '00000001',
          '0006', utf8('orders'),
          /* partitions: 2 */ '00000002',
          '00000000', /* low_watermark 4 */ '0000000000000004', '0000',
          '00000001', /* low_watermark -1 */ 'ffffffffffffffff', /* OFFSET_OUT_OF_RANGE */ '0001',
        ),
      ),
    );
  });
});
