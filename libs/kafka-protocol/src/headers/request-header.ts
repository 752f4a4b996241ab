import { ApiKey } from '../api-key';
import type { Reader } from '../primitives/reader';

/**
 * Request header.
 *
 *   v0: api_key int16, api_version int16, correlation_id int32
 *   v1: v0 + client_id nullable_string
 *   v2: v1 + tagged_fields            (every flexible request version)
 *
 * client_id stays a classic (non-compact) string even in v2. Every client we meet
 * sends v1 or v2; v0 exists only for ControlledShutdown v0, which a broker never receives
 * from ordinary clients.
 */
export interface RequestHeader {
  readonly apiKey: ApiKey;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly clientId: string | null;
}

/** Reads api_key, api_version and correlation_id: enough to pick the header version. */
export function readRequestHeaderPrefix(reader: Reader): Pick<RequestHeader, 'apiKey' | 'apiVersion' | 'correlationId'> {
  return { apiKey: reader.int16(), apiVersion: reader.int16(), correlationId: reader.int32() };
}

export function readRequestHeaderRest(
  reader: Reader,
  prefix: Pick<RequestHeader, 'apiKey' | 'apiVersion' | 'correlationId'>,
  flexible: boolean,
): RequestHeader {
  const clientId = reader.nullableString();
  if (flexible) reader.taggedFields();
  return { ...prefix, clientId };
}
