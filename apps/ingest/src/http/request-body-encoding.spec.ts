import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { TouchpointError } from '@touchpoint/contracts';
import { decodeRequestBody } from './request-body-encoding';

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function failure(stream: Readable): Promise<string> {
  const error: unknown = await read(stream).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  return error instanceof TouchpointError ? error.code : `not a TouchpointError: ${String(error)}`;
}

const body = Buffer.from(JSON.stringify({ batch: [{ type: 'track', event: 'Product Viewed', anonymousId: 'a' }] }));

describe('decodeRequestBody', () => {
  it('passes uncompressed bodies through untouched', async () => {
    const payload = Readable.from([body]);
    expect(decodeRequestBody(payload, undefined)).toBe(payload);
    expect(await read(decodeRequestBody(Readable.from([body]), 'Identity'))).toEqual(body);
  });

  it('inflates gzip and deflate, counting the encoded bytes for Content-Length', async () => {
    const gzipped = zlib.gzipSync(body);
    const decoded = decodeRequestBody(Readable.from([gzipped.subarray(0, 10), gzipped.subarray(10)]), 'gzip');
    expect(await read(decoded)).toEqual(body);
    expect(decoded).toHaveProperty('receivedEncodedLength', gzipped.length);
    expect(await read(decodeRequestBody(Readable.from([zlib.deflateSync(body)]), 'deflate'))).toEqual(body);
  });

  it('stops a zip bomb at the limit instead of inflating it', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const started = Date.now();
    expect(await failure(decodeRequestBody(Readable.from([bomb]), 'gzip', 500 * 1024))).toBe('TP_INGEST_PAYLOAD_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('answers a body that is not gzip as malformed, and an unknown encoding as unsupported', async () => {
    expect(await failure(decodeRequestBody(Readable.from([body]), 'gzip'))).toBe('TP_INGEST_MALFORMED_JSON');
    expect(() => decodeRequestBody(Readable.from([body]), 'br')).toThrow(expect.objectContaining({ code: 'TP_INGEST_UNSUPPORTED_ENCODING' }));
  });
});
