import { EMAIL_SHAPED, personalKeyKind, PHONE_SHAPED } from '@touchpoint/personal-data';

/** Credentials in free text: an Authorization value, or a token, key or password given as name=value / name: value. */
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const NAMED_SECRET = /\b((?:access[_-]?|refresh[_-]?|id[_-]?)?token|api[_-]?key|write[_-]?key|password|passwd|secret)(["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi;

/** Walked no deeper: a log field is small, and a cycle or a huge object must not stall the line. */
const MAX_DEPTH = 6;

/**
 * Log text with emails, international phone numbers and credentials replaced by `[email]`,
 * `[phone]` and `[redacted]`, found with the same shapes the personal-data scrubber uses. Runs
 * only on lines that are written, never on the hot path.
 */
export function maskText(text: string): string {
  let masked = text;
  if (masked.includes('@') || /%40/i.test(masked)) masked = masked.replace(EMAIL_SHAPED, '[email]');
  // At least 8 digits, as the scrubber counts: "+1 (800)" is no number yet.
  if (/\d{2}/.test(masked)) masked = masked.replace(PHONE_SHAPED, (phone) => (phone.replace(/%20|%2B/gi, '').replace(/\D/g, '').length >= 8 ? '[phone]' : phone));
  return masked.replace(AUTH_SCHEME, '$1 [redacted]').replace(NAMED_SECRET, '$1$2[redacted]');
}

function maskValue(value: unknown, key: string | undefined, depth: number): unknown {
  const personal = key === undefined ? undefined : personalKeyKind(key);
  if (personal && (typeof value === 'string' || typeof value === 'number')) return `[${personal}]`;
  if (typeof value === 'string') return maskText(value);
  if (value instanceof Error) return { type: value.name, message: maskText(value.message), ...(value.stack ? { stack: maskText(value.stack) } : {}) };
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => maskValue(item, key, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([name, child]) => [name, maskValue(child, name, depth + 1)]));
}

/** A log line's fields with every string masked as `maskText` does, and values under email or phone keys masked whole. */
export function maskFields(fields: Record<string, unknown>): Record<string, unknown> {
  return maskValue(fields, undefined, 0) as Record<string, unknown>;
}
