import { createHash } from 'node:crypto';

const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/** sha256 hex of the trimmed, lower-cased address; email never travels in clear text. */
export function emailHash(email: string | undefined): string | undefined {
  const normalized = email?.trim().toLowerCase();
  return normalized ? sha256(normalized) : undefined;
}

/**
 * sha256 hex of the number as "+" and digits. A leading 00 is the international prefix;
 * a national number without country code stays as typed, since the till gives no country.
 */
export function phoneHash(phone: string | undefined): string | undefined {
  const digits = phone?.replace(/\D/g, '').replace(/^00/, '');
  return digits ? sha256(`+${digits}`) : undefined;
}

export { sha256 };
