/** Segment's HTTP Tracking API limits, so SDKs that respect them never get a 413 here. */
export const MAX_MESSAGE_BYTES = 32 * 1024;
export const MAX_REQUEST_BYTES = 500 * 1024;
/** A day's export of a busy store fits; a bigger one is split into several uploads. */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

/** The inflated size a body may reach: CSV uploads are larger than Segment calls. */
export function maxBodyBytes(contentType: string | undefined): number {
  return /^\s*(text|application)\/csv\b/i.test(contentType ?? '') ? MAX_CSV_BYTES : MAX_REQUEST_BYTES;
}

/** Size of a message as it will travel: its JSON, not the client's whitespace. */
export function messageBytes(message: unknown): number {
  return Buffer.byteLength(JSON.stringify(message) ?? '', 'utf8');
}
