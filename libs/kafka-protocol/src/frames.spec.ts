import { apiVersionsApi } from './apis/api-versions.api';
import { heartbeatApi } from './apis/heartbeat.api';
import { produceApi } from './apis/produce.api';
import { syncGroupApi } from './apis/sync-group.api';
import { ProtocolDecodeError } from './errors/protocol-decode-error';
import { decodeRequestFrame, encodeResponseFrame } from './frames';
import { hex, toHex, utf8 } from './testing/hex';

const API_VERSIONS_V3_BODY = [
  /* client_software_name */ '0b', utf8('librdkafka'),
  /* client_software_version */ '06', utf8('2.3.0'),
  /* tagged fields */ '00',
];

describe('decodeRequestFrame', () => {
  it('decodes an ApiVersions v3 request with header v2', () => {
    const frame = hex(
      /* api_key: 18 */ '0012',
      /* api_version */ '0003',
      /* correlation_id */ '00000007',
      /* client_id: classic string even in header v2 */ '0007', utf8('rdkafka'),
      /* header tagged fields */ '00',
      ...API_VERSIONS_V3_BODY,
    );
    const decoded = decodeRequestFrame(frame);
    expect(decoded).toEqual({
      kind: 'request',
      header: { apiKey: 18, apiVersion: 3, correlationId: 7, clientId: 'rdkafka' },
      api: apiVersionsApi,
      body: { clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.3.0' },
    });
  });

  it('skips tagged fields carried in header v2', () => {
    const frame = hex('0012', '0003', '00000008', /* client_id: null */ 'ffff', /* 1 field: tag 3, 2 bytes */ '01 03 02 beef', ...API_VERSIONS_V3_BODY);
    expect(decodeRequestFrame(frame)).toMatchObject({
      kind: 'request',
      header: { correlationId: 8, clientId: null },
      body: { clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.3.0' },
    });
  });

  it('reads header v1 (no tagged fields) for a non-flexible version', () => {
    const frame = hex('0012', '0000', '00000009', '0003', utf8('cli'));
    expect(decodeRequestFrame(frame)).toEqual({
      kind: 'request',
      header: { apiKey: 18, apiVersion: 0, correlationId: 9, clientId: 'cli' },
      api: apiVersionsApi,
      body: { clientSoftwareName: null, clientSoftwareVersion: null },
    });
  });

  it('reports an unknown api key with the correlation id needed to answer it', () => {
    const frame = hex(/* api_key: 999 */ '03e7', '0002', '0000002a', '0003', utf8('cli'), 'deadbeef');
    expect(decodeRequestFrame(frame)).toEqual({ kind: 'unknown-api', apiKey: 999, apiVersion: 2, correlationId: 42 });
  });

  it('reports an unsupported version without decoding the body', () => {
    // Produce v2 predates RecordBatch v2; the body bytes here would not even parse as v3.
    const frame = hex('0000', '0002', '0000000b', '0003', utf8('cli'), 'ff');
    expect(decodeRequestFrame(frame)).toEqual({
      kind: 'unsupported-version',
      header: { apiKey: 0, apiVersion: 2, correlationId: 11, clientId: 'cli' },
      api: produceApi,
    });
  });

  it('reports an ApiVersions version above ours as unsupported, so it can be answered with v0', () => {
    const frame = hex('0012', '0004', '0000000c', '0003', utf8('cli'), '00', ...API_VERSIONS_V3_BODY);
    expect(decodeRequestFrame(frame)).toMatchObject({ kind: 'unsupported-version', header: { apiVersion: 4, correlationId: 12, clientId: 'cli' } });
  });

  it('throws ProtocolDecodeError for a frame truncated by one byte', () => {
    const frame = hex('0012', '0003', '00000007', '0007', utf8('rdkafka'), '00', ...API_VERSIONS_V3_BODY);
    expect(() => decodeRequestFrame(frame.subarray(0, frame.length - 1))).toThrow(ProtocolDecodeError);
    expect(() => decodeRequestFrame(hex('0012', '0003', '0000'))).toThrow(ProtocolDecodeError);
  });
});

describe('encodeResponseFrame', () => {
  it('ApiVersions v3 answers with response header v0: no tagged-field byte after the correlation id', () => {
    const chunks = encodeResponseFrame(apiVersionsApi, 3, 7, {
      errorCode: 0,
      apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 3 }],
      throttleTimeMs: 0,
    });
    expect(toHex(chunks)).toBe(
      toHex(
        hex(
          /* size: 4 + 2 + 1 + 7 + 4 + 1 */ '00000013',
          /* correlation_id */ '00000007',
          /* error_code, straight after the correlation id */ '0000',
          /* api_keys: compact 1+1 */ '02', '0012 0000 0003 00',
          /* throttle_time_ms */ '00000000',
          /* tagged fields */ '00',
        ),
      ),
    );
  });

  it('prefixes a non-flexible response with its size and header v0', () => {
    const chunks = encodeResponseFrame(heartbeatApi, 1, 0x01020304, { throttleTimeMs: 0, errorCode: 27 });
    expect(toHex(chunks)).toBe(toHex(hex(/* size */ '0000000a', '01020304', '00000000', '001b')));
  });

  it('counts chunks kept by reference in the size prefix', () => {
    const blob = Buffer.alloc(3000, 0x11);
    // SyncGroup's assignment is plain bytes: an easy way to push a blob past the inline limit.
    const chunks = encodeResponseFrame(syncGroupApi, 1, 5, { throttleTimeMs: 0, errorCode: 0, assignment: blob });
    const frame = Buffer.concat(chunks);
    expect(frame.readInt32BE(0)).toBe(frame.length - 4);
    expect(frame.length).toBe(4 + 4 + 4 + 2 + 4 + 3000);
    expect(chunks).toContain(blob);
  });
});
