import { randomBytes } from 'node:crypto';

// W3C Trace Context: version-traceid-parentid-flags, lower-case hex; version ff is invalid.
const TRACEPARENT = /^(?!ff)[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}(?:-|$)/;
const ALL_ZERO = /^0+$/;

/** The trace id of a W3C `traceparent` value, or null when there is none or it is malformed (all-zero ids are invalid). */
export function traceIdOf(traceparent: string | undefined): string | null {
  if (traceparent === undefined) return null;
  const match = TRACEPARENT.exec(traceparent.trim());
  return match && !ALL_ZERO.test(match[1]) ? match[1] : null;
}

/** A new random trace id (16 bytes, hex). */
export function newTraceId(): string {
  return randomBytes(16).toString('hex');
}
