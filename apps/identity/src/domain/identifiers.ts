import { createHash } from 'node:crypto';
import { type Identifier, type IdentifierType, identifierTypes, type SegmentMessage } from '@touchpoint/contracts';

/** Placeholders SDKs and POS systems send when they have no id; they would glue strangers together. */
const blockedValues = new Set(['', 'null', 'undefined', 'anonymous']);

const MAX_VALUE_LENGTH = 256;

/** Identifier types that travel and rest only as sha256 hex of their normalized form. */
const hashedTypes: ReadonlySet<IdentifierType> = new Set(['email', 'phone']);

/**
 * Order of evidence: when several identifiers link an event to profiles, the strongest names
 * the reason of a merge and picks the profile an ambiguous event belongs to.
 */
const strength: Readonly<Record<IdentifierType, number>> = {
  userId: 0,
  loyaltyId: 1,
  posCustomerId: 2,
  email: 3,
  phone: 4,
  deviceId: 5,
  anonymousId: 6,
};

export function isIdentifierType(value: string): value is IdentifierType {
  return (identifierTypes as readonly string[]).includes(value);
}

function normalizedForHashing(type: IdentifierType, value: string): string {
  if (type === 'email') return value.toLowerCase();
  // Phone numbers arrive formatted every way; keep only what identifies the line.
  return value.replace(/[\s().-]/g, '');
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The identifier as stored: trimmed, placeholders rejected, email and phone hashed.
 * Returns null for values that must not identify anyone.
 */
export function normalizeIdentifier(type: IdentifierType, raw: unknown): Identifier | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const value = String(raw).trim();
  if (blockedValues.has(value.toLowerCase())) return null;
  if (hashedTypes.has(type)) {
    const normalized = normalizedForHashing(type, value);
    return normalized === '' ? null : { type, value: sha256(normalized) };
  }
  if (value.length > MAX_VALUE_LENGTH) return null;
  return { type, value };
}

function traitsOf(message: SegmentMessage): Record<string, unknown> {
  return message.type === 'identify' ? message.traits : {};
}

/** Every identifier an event carries, normalized and de-duplicated, strongest first. */
export function extractIdentifiers(message: SegmentMessage): Identifier[] {
  const traits = traitsOf(message);
  const candidates: [IdentifierType, unknown][] = [
    ['anonymousId', message.anonymousId],
    ['userId', message.userId],
    ['loyaltyId', message.context.loyaltyId],
    ['posCustomerId', message.context.posCustomerId],
    ['loyaltyId', traits['loyaltyId']],
    ['loyaltyId', traits['loyalty_id']],
    ['email', traits['email']],
  ];
  const seen = new Map<string, Identifier>();
  for (const [type, raw] of candidates) {
    const identifier = normalizeIdentifier(type, raw);
    if (identifier) seen.set(identifierKey(identifier), identifier);
  }
  return sortByStrength([...seen.values()]);
}

export function identifierKey(identifier: Identifier): string {
  return `${identifier.type}:${identifier.value}`;
}

export function compareStrength(a: Identifier, b: Identifier): number {
  return strength[a.type] - strength[b.type] || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

export function sortByStrength(identifiers: readonly Identifier[]): Identifier[] {
  return [...identifiers].sort(compareStrength);
}

/** Stable order for lists sent out and stored: by type, then value. */
export function sortIdentifiers(identifiers: readonly Identifier[]): Identifier[] {
  return [...identifiers].sort((a, b) => (a.type === b.type ? (a.value < b.value ? -1 : a.value > b.value ? 1 : 0) : a.type < b.type ? -1 : 1));
}
