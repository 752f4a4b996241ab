import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { createTopicsApi, type CreateTopicsRequest, type CreateTopicsResponse } from './create-topics.api';

const TOPICS = [
  /* topics: 2 */ '00000002',
  '0006', utf8('orders'),
  /* num_partitions: 3 */ '00000003',
  /* replication_factor: 1 */ '0001',
  /* assignments: none */ '00000000',
  /* configs: 2 */ '00000002',
  '000e', utf8('cleanup.policy'), '0007', utf8('compact'),
  '000c', utf8('retention.ms'), /* value: null */ 'ffff',
  '0005', utf8('audit'),
  /* num_partitions: -1 (manual assignment) */ 'ffffffff',
  /* replication_factor: -1 */ 'ffff',
  /* assignments: 1 */ '00000001', '00000000', /* broker_ids: [1, 2] */ '00000002', '00000001', '00000002',
  /* configs: none */ '00000000',
];
const TIMEOUT = /* timeout_ms: 60000 */ '0000ea60';

const v0Request = hex(...TOPICS, TIMEOUT);
const v1Request = hex(...TOPICS, TIMEOUT, /* validate_only */ '01');

function expected(validateOnly: boolean): CreateTopicsRequest {
  return {
    topics: [
      {
        name: 'orders',
        numPartitions: 3,
        replicationFactor: 1,
        assignments: [],
        configs: [
          { name: 'cleanup.policy', value: 'compact' },
          { name: 'retention.ms', value: null },
        ],
      },
      { name: 'audit', numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 0, brokerIds: [1, 2] }], configs: [] },
    ],
    timeoutMs: 60000,
    validateOnly,
  };
}

const response: CreateTopicsResponse = {
  throttleTimeMs: 0,
  topics: [
    { name: 'orders', errorCode: 0, errorMessage: null },
    { name: 'audit', errorCode: 36, errorMessage: 'exists' },
  ],
};

describe('CreateTopics codec', () => {
  it('v0 request has no validate_only flag', () => {
    expect(decodeAll(createTopicsApi, 0, v0Request)).toEqual(expected(false));
  });

  it.each([1, 3])('v%i request adds validate_only', (version) => {
    expect(decodeAll(createTopicsApi, version, v1Request)).toEqual(expected(true));
  });

  it.each([
    [0, v0Request],
    [3, v1Request],
  ])('v%i request truncated by one byte throws', (version, body) => {
    expect(() => decodeAll(createTopicsApi, version, withoutLastByte(body))).toThrow(ProtocolDecodeError);
  });

  it('v0 response: name and error code', () => {
    expect(encodeHex(createTopicsApi, 0, response)).toBe(
      toHex(hex('00000002', '0006', utf8('orders'), '0000', '0005', utf8('audit'), /* TOPIC_ALREADY_EXISTS */ '0024')),
    );
  });

  it('v1 response adds the error message', () => {
    expect(encodeHex(createTopicsApi, 1, response)).toBe(
      toHex(hex('00000002', '0006', utf8('orders'), '0000', 'ffff', '0005', utf8('audit'), '0024', '0006', utf8('exists'))),
    );
  });

  it.each([2, 3])('v%i response adds the throttle time', (version) => {
    expect(encodeHex(createTopicsApi, version, response)).toBe(
      toHex(hex('00000000', '00000002', '0006', utf8('orders'), '0000', 'ffff', '0005', utf8('audit'), '0024', '0006', utf8('exists'))),
    );
  });
});
