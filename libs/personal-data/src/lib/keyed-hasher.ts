import { createHmac } from 'node:crypto';
import { normalizeEmail } from './email';
import { normalizePhone } from './phone';

/** What a keyed hash is of; part of the hashed text, so an email and a user id never collide. */
export type HashedKind = 'email' | 'phone' | (string & NonNullable<unknown>);

/**
 * Keyed hashes (HMAC-SHA256, hex) of personal data. Keyed, because a plain SHA-256 of a phone
 * number is reversed by hashing every number of the plan; without the secret nobody can try.
 * Ingest and identity share the secret, so their hashes of one customer are equal.
 */
export class PersonalDataHasher {
  constructor(private readonly secret: string) {
    if (secret.length < 16) throw new Error('the personal data hash secret must have at least 16 characters');
  }

  /** The keyed hash of an already normalized value. */
  hash(kind: HashedKind, normalized: string): string {
    return createHmac('sha256', this.secret).update(`${kind}:${normalized}`, 'utf8').digest('hex');
  }

  /** null when the value is not an email address. */
  emailHash(raw: unknown): string | null {
    const email = normalizeEmail(raw);
    return email === null ? null : this.hash('email', email);
  }

  /** null when the value is not a valid number (national numbers need `defaultRegion`). */
  phoneHash(raw: unknown, defaultRegion?: string | null): string | null {
    const phone = normalizePhone(raw, defaultRegion);
    return phone === null ? null : this.hash('phone', phone);
  }

  /**
   * A value that must not travel but could not be normalized (a malformed address, a national
   * number without its region): hashed as typed, so it is gone from the wire yet still stable.
   */
  opaqueHash(kind: HashedKind, raw: string): string {
    return this.hash(`${kind}-unnormalized`, raw.trim().toLowerCase());
  }
}

/** A keyed hash as every hasher writes it: 64 lower-case hex digits. */
export const KEYED_HASH = /^[0-9a-f]{64}$/;
