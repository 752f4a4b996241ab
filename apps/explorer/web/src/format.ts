import type { IdentifierView, Part } from '../../src/explorer-api/explorer-api';

export const time = (iso: string | null): string => (iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) : '–');

/** Hashes are long; the first and last characters tell them apart on a phone screen. */
export const shortHash = (value: string): string => (value.length > 20 ? `${value.slice(0, 8)}…${value.slice(-6)}` : value);

/** Email and phone are keyed hashes as identity stores them: shown as such, never as an address or number. */
export const identifierText = (identifier: IdentifierView): string =>
  identifier.type === 'email' || identifier.type === 'phone' ? `hash ${shortHash(identifier.value)}` : identifier.value;

export const isMatch = (identifier: IdentifierView, matched: IdentifierView | null): boolean =>
  matched !== null &&
  identifier.type === matched.type &&
  (identifier.value === matched.value || ((identifier.type === 'loyaltyId' || identifier.type === 'posCustomerId') && identifier.value.endsWith(`:${matched.value}`)));

export const missing = (part: Part<unknown>, what: string): string =>
  part.ok
    ? ''
    : part.status === 404 && (part.code === 'TP_HTTP_NOT_FOUND' || part.code === null)
      ? `${what} is not available on this installation yet.`
      : `${what} is unavailable: ${part.code ?? (part.status === null ? 'no answer' : `HTTP ${part.status}`)}: ${part.message}`;
