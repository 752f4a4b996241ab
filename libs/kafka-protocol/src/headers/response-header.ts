import type { Writer } from '../primitives/writer';

/**
 * Response header.
 *
 *   v0: correlation_id int32
 *   v1: v0 + tagged_fields            (flexible response versions, except ApiVersions)
 *
 * ApiVersions always answers with v0 so that a client speaking a newer version can
 * still read the error and the supported ranges (KIP-511).
 */
export function writeResponseHeader(writer: Writer, correlationId: number, flexible: boolean): void {
  writer.int32(correlationId);
  if (flexible) writer.emptyTaggedFields();
}
