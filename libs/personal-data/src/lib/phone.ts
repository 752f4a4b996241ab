import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';

/** An ISO 3166-1 alpha-2 country whose numbering plan is known, e.g. "NL". */
export function isPhoneRegion(value: string): value is CountryCode {
  return isSupportedCountry(value);
}

/**
 * A phone number in E.164 (`+31612345678`), the one form it is compared and hashed in.
 * A national number (`06 12345678`) needs the region it was dialled in: the store's country at
 * the till, the configured default on the web; without one, or when the number is not valid
 * in its plan, the answer is null (it cannot be told apart from another country's number).
 */
export function normalizePhone(raw: unknown, defaultRegion?: string | null): string | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const text = String(raw).trim();
  if (text === '' || text.length > 64) return null;
  // "00" is the international prefix in most of the world; libphonenumber reads it only with a region.
  const international = text.replace(/^00(?=[1-9])/, '+');
  const region = defaultRegion && isPhoneRegion(defaultRegion) ? defaultRegion : undefined;
  const parsed = parsePhoneNumberFromString(international, region);
  return parsed?.isValid() ? parsed.number : null;
}
