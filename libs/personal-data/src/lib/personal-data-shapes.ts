/**
 * What personal data looks like inside free text: URLs, search strings, product notes, log
 * lines. Used to scrub what ingest forwards and to scan what the system stored; one
 * definition, so the scrubber and the scan cannot disagree.
 *
 * Emails: an address, also percent-encoded (`sanne%40example.com` in a query string).
 * Phones: international numbers only (`+31 6 12345678`, `0031612345678`, `%2B31612345678`);
 * a bare national number is indistinguishable from an order id or a timestamp in free text,
 * so it is recognised by its key (`phone=`, `"mobile":`) instead.
 */
// The local part is bounded (64 characters, as in RFC 5321): unbounded, a long word with no @ costs quadratic time.
export const EMAIL_SHAPED = /[A-Za-z0-9._%+-]{1,64}(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

// Not inside a longer word or number (a hash, a millisecond timestamp), nor a dashed UUID's groups.
export const PHONE_SHAPED = /(?<![0-9A-Za-z._-])(?:\+|%2B|00)[1-9](?:[\d ().-]|%20){6,18}\d(?![0-9A-Za-z]|-[0-9A-Fa-f])/gi;

export type PersonalDataKind = 'email' | 'phone';

export interface PersonalDataMatch {
  readonly kind: PersonalDataKind;
  readonly text: string;
  readonly index: number;
}

/** Email- and phone-shaped strings in `text`, in order of appearance. */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const match of text.matchAll(EMAIL_SHAPED)) found.push({ kind: 'email', text: match[0], index: match.index });
  for (const match of text.matchAll(PHONE_SHAPED)) {
    // At least 8 digits: "+1 (800)" is not a number yet, "+02:00" never matches.
    if (match[0].replace(/%20|%2B/gi, '').replace(/\D/g, '').length >= 8) found.push({ kind: 'phone', text: match[0], index: match.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Keys under which any value is personal data, compared without case, `-` and `_`. */
const personalKeys: ReadonlyMap<string, PersonalDataKind> = new Map(Object.entries({
  email: 'email',
  emailaddress: 'email',
  mail: 'email',
  phone: 'phone',
  phonenumber: 'phone',
  mobile: 'phone',
  mobilephone: 'phone',
  mobilenumber: 'phone',
  tel: 'phone',
  telephone: 'phone',
  cellphone: 'phone',
  msisdn: 'phone',
} satisfies Record<string, PersonalDataKind>));

/**
 * Every key of every event is looked up, and events of one source use the same few keys, so
 * the answers are remembered; the bound keeps a client that sends random keys from growing it.
 */
const knownKeys = new Map<string, PersonalDataKind | null>();
const MAX_KNOWN_KEYS = 10_000;

/** The kind of personal data a key (object key, query parameter) names, if any. */
export function personalKeyKind(key: string): PersonalDataKind | undefined {
  const known = knownKeys.get(key);
  if (known !== undefined) return known ?? undefined;
  const kind = personalKeys.get(key.toLowerCase().replace(/[-_\s]/g, ''));
  if (knownKeys.size >= MAX_KNOWN_KEYS) knownKeys.clear();
  knownKeys.set(key, kind ?? null);
  return kind;
}
