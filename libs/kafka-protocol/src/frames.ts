import { type ApiDefinition, isFlexible } from './api-definition';
import { findApi } from './api-registry';
import { ApiKey } from './api-key';
import { readRequestHeaderPrefix, readRequestHeaderRest, type RequestHeader } from './headers/request-header';
import { writeResponseHeader } from './headers/response-header';
import { Reader } from './primitives/reader';
import { Writer } from './primitives/writer';

export type DecodedFrame =
  | { readonly kind: 'request'; readonly header: RequestHeader; readonly api: ApiDefinition<unknown, unknown>; readonly body: unknown }
  | { readonly kind: 'unsupported-version'; readonly header: RequestHeader; readonly api: ApiDefinition<unknown, unknown> }
  | { readonly kind: 'unknown-api'; readonly correlationId: number; readonly apiKey: number; readonly apiVersion: number };

/**
 * Decodes one request frame (without its int32 size prefix). Throws ProtocolDecodeError
 * when the bytes break the grammar of the API and version they name.
 */
export function decodeRequestFrame(frame: Buffer): DecodedFrame {
  const reader = new Reader(frame);
  const prefix = readRequestHeaderPrefix(reader);
  const api = findApi(prefix.apiKey);
  if (!api) return { kind: 'unknown-api', ...prefix };
  if (prefix.apiVersion < api.minVersion || prefix.apiVersion > api.maxVersion) {
    // A header we cannot be sure of the shape of: read what is common to all versions.
    const header = readRequestHeaderRest(reader, prefix, false);
    return { kind: 'unsupported-version', header, api };
  }
  const header = readRequestHeaderRest(reader, prefix, isFlexible(api, prefix.apiVersion));
  const body = api.decodeRequest(reader, prefix.apiVersion);
  return { kind: 'request', header, api, body };
}

/** Encodes a response with its size prefix, as chunks for a vectored write. */
export function encodeResponseFrame<Response>(
  api: ApiDefinition<unknown, Response>,
  version: number,
  correlationId: number,
  response: Response,
): Buffer[] {
  const writer = new Writer();
  writer.int32(0);
  // ApiVersions answers with header v0 at every version (KIP-511).
  writeResponseHeader(writer, correlationId, api.key !== ApiKey.ApiVersions && isFlexible(api, version));
  api.encodeResponse(writer, version, response);
  const chunks = writer.toChunks();
  chunks[0].writeInt32BE(writer.length - 4, 0);
  return chunks;
}
