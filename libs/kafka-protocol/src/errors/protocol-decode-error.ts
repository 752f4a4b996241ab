/**
 * Thrown when bytes on the wire do not follow the grammar they claim to.
 * The broker answers these by closing the connection (or with INVALID_REQUEST /
 * CORRUPT_MESSAGE where the protocol has a place for an error), never by crashing.
 */
export class ProtocolDecodeError extends Error {
  override readonly name = 'ProtocolDecodeError';
}
