import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { apiVersionsApi, type ApiVersionsResponse } from './api-versions.api';

const response: ApiVersionsResponse = {
  errorCode: 0,
  apiKeys: [
    { apiKey: 0, minVersion: 3, maxVersion: 7 },
    { apiKey: 18, minVersion: 0, maxVersion: 3 },
  ],
  throttleTimeMs: 5,
};

describe('ApiVersions codec', () => {
  it.each([0, 1, 2])('v%i request has an empty body', (version) => {
    expect(decodeAll(apiVersionsApi, version, hex(''))).toEqual({ clientSoftwareName: null, clientSoftwareVersion: null });
  });

  const v3Request = hex(
    /* client_software_name: compact length 10+1 */ '0b', utf8('librdkafka'),
    /* client_software_version: compact length 5+1 */ '06', utf8('2.3.0'),
    /* tagged fields */ '00',
  );

  it('v3 request reads the compact client software strings', () => {
    expect(decodeAll(apiVersionsApi, 3, v3Request)).toEqual({ clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.3.0' });
  });

  it('v3 request skips unknown tagged fields at the end of the body', () => {
    const body = hex('0b', utf8('librdkafka'), '06', utf8('2.3.0'), /* 1 field: tag 7, 2 bytes */ '01 07 02 abcd');
    expect(decodeAll(apiVersionsApi, 3, body)).toEqual({ clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.3.0' });
  });

  it('v3 request rejects a null software name, which the grammar does not allow', () => {
    expect(() => decodeAll(apiVersionsApi, 3, hex(/* null */ '00', '06', utf8('2.3.0'), '00'))).toThrow(ProtocolDecodeError);
  });

  it('v3 request truncated by one byte throws', () => {
    expect(() => decodeAll(apiVersionsApi, 3, withoutLastByte(v3Request))).toThrow(ProtocolDecodeError);
  });

  it('v0 response has no throttle time', () => {
    expect(encodeHex(apiVersionsApi, 0, response)).toBe(
      toHex(
        hex(
          /* error_code */ '0000',
          /* api_keys: 2 */ '00000002',
          /* Produce 3..7 */ '0000 0003 0007',
          /* ApiVersions 0..3 */ '0012 0000 0003',
        ),
      ),
    );
  });

  it('v0 response carries UNSUPPORTED_VERSION with our ranges for a too-new client', () => {
    expect(encodeHex(apiVersionsApi, 0, { ...response, errorCode: 35, apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 3 }] })).toBe(
      toHex(hex('0023', '00000001', '0012 0000 0003')),
    );
  });

  it('v1 response appends the throttle time', () => {
    expect(encodeHex(apiVersionsApi, 1, response)).toBe(
      toHex(hex('0000', '00000002', '0000 0003 0007', '0012 0000 0003', /* throttle_time_ms */ '00000005')),
    );
  });

  it('v3 response uses a compact array with per-entry tagged fields', () => {
    expect(encodeHex(apiVersionsApi, 3, response)).toBe(
      toHex(
        hex(
          /* error_code */ '0000',
          /* api_keys: compact 2+1 */ '03',
          /* Produce 3..7, tags */ '0000 0003 0007 00',
          /* ApiVersions 0..3, tags */ '0012 0000 0003 00',
          /* throttle_time_ms */ '00000005',
          /* tagged fields */ '00',
        ),
      ),
    );
  });
});
