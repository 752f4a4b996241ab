/** Segment's HTTP Tracking API limits, so SDKs that respect them never get a 413 here. */
export const MAX_MESSAGE_BYTES = 32 * 1024;
export const MAX_REQUEST_BYTES = 500 * 1024;

/** Size of a message as it will travel: its JSON, not the client's whitespace. */
export function messageBytes(message: unknown): number {
  return Buffer.byteLength(JSON.stringify(message) ?? '', 'utf8');
}
