import { createHash } from 'node:crypto';
import type { Identifier, IdentifierType, SegmentMessage } from '@touchpoint/contracts';
import { defaultIdentityRules, type IdentityRules, isBlocked, strengthOf } from './identity-rules';

export { isIdentifierType } from './identity-rules';

const MAX_VALUE_LENGTH = 256;

/** Identifier types that travel and rest only as sha256 hex of their normalized form. */
const hashedTypes: ReadonlySet<IdentifierType> = new Set(['email', 'phone']);

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;

/** The form that is hashed, or null when the value cannot be a valid email / phone number. */
function normalizedForHashing(type: IdentifierType, value: string): string | null {
  if (type === 'email') {
    const email = value.toLowerCase();
    return email.includes('@') ? email : null;
  }
  // Phone numbers arrive formatted every way; keep what identifies the line, in E.164. A
  // number without its country code cannot be told apart from another country's, so it is dropped.
  const compact = value.replace(/[\s().-]/g, '').replace(/^00/, '+');
  return E164.test(compact) ? compact : null;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The identifier as stored: trimmed, blocked values rejected, email and phone normalized and
 * hashed. Returns null for values that must not identify anyone.
 */
export function normalizeIdentifier(type: IdentifierType, raw: unknown, rules: IdentityRules = defaultIdentityRules): Identifier | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const value = String(raw).trim();
  if (isBlocked(rules, type, value)) return null;
  if (hashedTypes.has(type)) {
    const normalized = normalizedForHashing(type, value);
    return normalized === null || isBlocked(rules, type, normalized) ? null : { type, value: sha256(normalized) };
  }
  if (value.length > MAX_VALUE_LENGTH) return null;
  return { type, value };
}

function traitsOf(message: SegmentMessage): Record<string, unknown> {
  return message.type === 'identify' ? message.traits : {};
}

function deviceIdOf(message: SegmentMessage): unknown {
  const device: unknown = message.context['device'];
  return typeof device === 'object' && device !== null && 'id' in device ? device.id : undefined;
}

/** Every identifier an event carries, normalized and de-duplicated, strongest first. */
export function extractIdentifiers(message: SegmentMessage, rules: IdentityRules = defaultIdentityRules): Identifier[] {
  const traits = traitsOf(message);
  const candidates: [IdentifierType, unknown][] = [
    ['anonymousId', message.anonymousId],
    ['userId', message.userId],
    ['loyaltyId', message.context.loyaltyId],
    ['posCustomerId', message.context.posCustomerId],
    ['deviceId', deviceIdOf(message)],
    ['loyaltyId', traits['loyaltyId']],
    ['loyaltyId', traits['loyalty_id']],
    ['email', traits['email']],
    ['phone', traits['phone']],
  ];
  const seen = new Map<string, Identifier>();
  for (const [type, raw] of candidates) {
    const identifier = normalizeIdentifier(type, raw, rules);
    if (identifier) seen.set(identifierKey(identifier), identifier);
  }
  return sortByStrength([...seen.values()], rules);
}

export function identifierKey(identifier: Identifier): string {
  return `${identifier.type}:${identifier.value}`;
}

export function compareStrength(a: Identifier, b: Identifier, rules: IdentityRules = defaultIdentityRules): number {
  return strengthOf(rules, a.type) - strengthOf(rules, b.type) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

export function sortByStrength(identifiers: readonly Identifier[], rules: IdentityRules = defaultIdentityRules): Identifier[] {
  return [...identifiers].sort((a, b) => compareStrength(a, b, rules));
}

/** Stable order for lists sent out and stored: by type, then value. */
export function sortIdentifiers(identifiers: readonly Identifier[]): Identifier[] {
  return [...identifiers].sort((a, b) => (a.type === b.type ? (a.value < b.value ? -1 : a.value > b.value ? 1 : 0) : a.type < b.type ? -1 : 1));
}
