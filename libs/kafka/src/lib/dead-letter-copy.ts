import type { KafkaMessage } from 'kafkajs';

/**
 * The most of the original a dead letter carries, so that it still fits tp.deadletter.v1 at
 * Kafka's default max.message.bytes (1,048,588) once base64 (4/3) and its own fields are added:
 * 640 KiB of value (853 KiB as base64), 16 KiB of key, 64 KiB of headers as JSON, 2,000
 * characters of error message: under 950 KiB in all.
 */
export const CARRIED_LIMITS = Object.freeze({ valueBytes: 640 * 1024, keyBytes: 16 * 1024, headersJsonBytes: 64 * 1024, errorMessageChars: 2_000 });

/** What a part too large to carry is cut to: enough to recognise the message by. */
export const PREFIX_BYTES = 4 * 1024;
const MAX_HEADERS_WHEN_CUT = 64;
const HEADER_VALUE_CHARS_WHEN_CUT = 256;

/** The original's key, value and headers as a dead letter carries them. */
export interface CarriedCopy {
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Record<string, string>;
  readonly valueBytes: number | null;
  /** Some part holds only a prefix of the original. */
  readonly truncated: boolean;
}

function headersAsStrings(message: KafkaMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return out;
}

/** Whole when it fits `limit`, else its first PREFIX_BYTES; base64. */
function carried(bytes: Buffer | null, limit: number): { readonly base64: string | null; readonly cut: boolean } {
  if (bytes === null) return { base64: null, cut: false };
  if (bytes.length <= limit) return { base64: bytes.toString('base64'), cut: false };
  return { base64: bytes.subarray(0, PREFIX_BYTES).toString('base64'), cut: true };
}

function carriedHeaders(message: KafkaMessage): { readonly headers: Record<string, string>; readonly cut: boolean } {
  const headers = headersAsStrings(message);
  if (Buffer.byteLength(JSON.stringify(headers)) <= CARRIED_LIMITS.headersJsonBytes) return { headers, cut: false };
  const kept = Object.entries(headers)
    .slice(0, MAX_HEADERS_WHEN_CUT)
    .map(([name, value]) => [name.slice(0, HEADER_VALUE_CHARS_WHEN_CUT), value.slice(0, HEADER_VALUE_CHARS_WHEN_CUT)]);
  return { headers: Object.fromEntries(kept), cut: true };
}

/**
 * Byte for byte when the original is small enough, which is nearly always; otherwise the parts
 * that are too large are cut to a prefix and the copy says so: a dead letter Kafka refused
 * would leave its partition waiting forever for the dead letter to be written.
 */
export function carriedCopyOf(message: KafkaMessage): CarriedCopy {
  const key = carried(message.key ?? null, CARRIED_LIMITS.keyBytes);
  const value = carried(message.value ?? null, CARRIED_LIMITS.valueBytes);
  const { headers, cut } = carriedHeaders(message);
  return { key: key.base64, value: value.base64, headers, valueBytes: message.value?.length ?? null, truncated: key.cut || value.cut || cut };
}

/** An error's message, short enough for a dead letter: a message that quotes its whole input is not. */
export function carriedErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length <= CARRIED_LIMITS.errorMessageChars ? text : `${text.slice(0, CARRIED_LIMITS.errorMessageChars)}... (${text.length} characters)`;
}
