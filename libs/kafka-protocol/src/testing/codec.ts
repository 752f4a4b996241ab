import type { ApiDefinition } from '../api-definition';
import { Reader } from '../primitives/reader';
import { Writer } from '../primitives/writer';

/**
 * Decodes a request body and insists every byte was used: a codec that skips a field
 * would otherwise pass a fixture whose tail it never looked at.
 */
export function decodeAll<Request, Response>(api: ApiDefinition<Request, Response>, version: number, body: Buffer): Request {
  const reader = new Reader(body);
  const request = api.decodeRequest(reader, version);
  if (reader.remaining() !== 0) {
    throw new Error(`${api.name} v${version} left ${reader.remaining()} of ${body.length} bytes unread`);
  }
  return request;
}

/** The response body as hex, for exact comparison with a hand-written fixture. */
export function encodeHex<Request, Response>(api: ApiDefinition<Request, Response>, version: number, response: Response): string {
  const writer = new Writer();
  api.encodeResponse(writer, version, response);
  return writer.toBuffer().toString('hex');
}

/** The fixture without its last byte, which every non-empty request grammar must reject. */
export function withoutLastByte(body: Buffer): Buffer {
  return body.subarray(0, body.length - 1);
}
