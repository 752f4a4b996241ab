import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { ConfigResourceType, ConfigSource, describeConfigsApi, type DescribeConfigsResponse } from './describe-configs.api';

const RESOURCES = [
  /* resources: 2 */ '00000002',
  /* resource_type: topic */ '02', '0006', utf8('orders'), /* configuration_keys: 1 */ '00000001', '000c', utf8('retention.ms'),
  /* resource_type: broker */ '04', '0001', utf8('1'), /* configuration_keys: null (all) */ 'ffffffff',
];
const v0Request = hex(...RESOURCES);
const v1Request = hex(...RESOURCES, /* include_synonyms */ '01');

const resources = [
  { resourceType: ConfigResourceType.Topic, resourceName: 'orders', configurationKeys: ['retention.ms'] },
  { resourceType: ConfigResourceType.Broker, resourceName: '1', configurationKeys: null },
];

const response: DescribeConfigsResponse = {
  throttleTimeMs: 0,
  results: [
    {
      errorCode: 0,
      errorMessage: null,
      resourceType: ConfigResourceType.Topic,
      resourceName: 'orders',
      configs: [
        { name: 'retention.ms', value: '1000', readOnly: false, configSource: ConfigSource.TopicConfig, isSensitive: false },
        { name: 'segment.ms', value: null, readOnly: true, configSource: ConfigSource.Default, isSensitive: true },
      ],
    },
  ],
};
const RESULT_HEAD = ['00000000', /* results: 1 */ '00000001', '0000', /* error_message: null */ 'ffff', '02', '0006', utf8('orders'), /* configs: 2 */ '00000002'];
const RETENTION = ['000c', utf8('retention.ms'), '0004', utf8('1000'), /* read_only */ '00'];
const SEGMENT = ['000a', utf8('segment.ms'), /* value: null */ 'ffff', /* read_only */ '01'];

describe('DescribeConfigs codec', () => {
  it('v0 request has no include_synonyms flag', () => {
    expect(decodeAll(describeConfigsApi, 0, v0Request)).toEqual({ resources, includeSynonyms: false });
  });

  it.each([1, 2])('v%i request adds include_synonyms', (version) => {
    expect(decodeAll(describeConfigsApi, version, v1Request)).toEqual({ resources, includeSynonyms: true });
  });

  it.each([
    [0, v0Request],
    [2, v1Request],
  ])('v%i request truncated by one byte throws', (version, body) => {
    expect(() => decodeAll(describeConfigsApi, version, withoutLastByte(body))).toThrow(ProtocolDecodeError);
  });

  it('v0 response reports is_default instead of a config source, and no synonyms', () => {
    expect(encodeHex(describeConfigsApi, 0, response)).toBe(
      toHex(hex(...RESULT_HEAD, ...RETENTION, /* is_default */ '00', /* is_sensitive */ '00', ...SEGMENT, /* is_default */ '01', /* is_sensitive */ '01')),
    );
  });

  it.each([1, 2])('v%i response reports the config source and an empty synonym list', (version) => {
    expect(encodeHex(describeConfigsApi, version, response)).toBe(
      toHex(
        hex(
          ...RESULT_HEAD,
          ...RETENTION, /* config_source: topic */ '01', '00', /* synonyms */ '00000000',
          ...SEGMENT, /* config_source: default */ '05', '01', '00000000',
        ),
      ),
    );
  });
});
