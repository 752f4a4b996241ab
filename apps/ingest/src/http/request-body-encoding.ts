import { type Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TouchpointError } from '@touchpoint/contracts';
import { MAX_REQUEST_BYTES, maxBodyBytes } from '../validation/payload-limits';

/** Fastify compares this, not the inflated length, with Content-Length and its body limit. */
export type DecodedBody = Transform & { receivedEncodedLength: number };

function inflaterFor(contentEncoding: string): zlib.Gunzip | zlib.Inflate | undefined {
  if (contentEncoding === 'gzip' || contentEncoding === 'x-gzip') return zlib.createGunzip();
  if (contentEncoding === 'deflate') return zlib.createInflate();
  return undefined;
}

/**
 * The request body as the parser should see it: inflated when the client compressed it
 * (analytics SDKs gzip their batches). The size limit counts inflated bytes and is enforced
 * while inflating, so a small zip bomb stops at `maxBytes` instead of filling memory.
 */
export function decodeRequestBody(payload: Readable, contentEncoding: string | undefined, maxBytes = MAX_REQUEST_BYTES): Readable {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return payload;
  const inflate = inflaterFor(encoding);
  if (!inflate) {
    throw new TouchpointError('TP_INGEST_UNSUPPORTED_ENCODING', `Content-Encoding "${encoding.slice(0, 40)}" is not supported; send gzip, deflate or identity`);
  }

  let inflated = 0;
  const decoded: DecodedBody = Object.assign(
    new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        inflated += chunk.length;
        if (inflated > maxBytes) {
          callback(new TouchpointError('TP_INGEST_PAYLOAD_TOO_LARGE', `request body is over ${maxBytes / 1024} KB once inflated`));
          return;
        }
        callback(null, chunk);
      },
    }),
    { receivedEncodedLength: 0 },
  );
  // Stop inflating at the first failure, but let the socket drain (uninflated) so the
  // client still gets its answer rather than a reset connection.
  const abandon = (): void => {
    payload.unpipe(inflate);
    inflate.destroy();
    payload.resume();
  };
  payload.on('data', (chunk: Buffer) => {
    decoded.receivedEncodedLength += chunk.length;
  });
  inflate.on('error', (error) => {
    abandon();
    decoded.destroy(new TouchpointError('TP_INGEST_MALFORMED_JSON', `request body is not valid ${encoding}: ${error.message}`));
  });
  decoded.on('error', abandon);
  payload.pipe(inflate).pipe(decoded);
  return decoded;
}

/** Inflates gzip and deflate request bodies before any parser reads them. */
export function acceptEncodedBodies(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preParsing', async (request, _reply, payload) => decodeRequestBody(payload, request.headers['content-encoding'], maxBodyBytes(request.headers['content-type'])));
}
