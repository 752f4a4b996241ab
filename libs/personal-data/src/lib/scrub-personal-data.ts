import type { PersonalDataHasher } from './keyed-hasher';
import { EMAIL_SHAPED, type PersonalDataKind, personalKeyKind, PHONE_SHAPED } from './personal-data-shapes';

export interface ScrubOptions {
  /** Region for national phone numbers found under a phone key (the store's country, or the configured default). */
  readonly phoneRegion?: string | null;
}

/** Deeper than any event needs; past it the value is dropped rather than walked without end. */
const MAX_DEPTH = 32;

const QUERY_PARAMETER = /([?&#;]|^)([^=&#;?]+)=([^&#;]*)/g;

// Most strings of an event (ids, names, paths) hold no personal data; these rule a string out
// before the regular expressions scan it. EMAIL_SHAPED needs an `@` or `%40`; PHONE_SHAPED a
// `+`, `%2B` (any case) or `00`.
const mayHoldEmail = (text: string): boolean => text.includes('@') || text.includes('%40');
const mayHoldPhone = (text: string): boolean => text.includes('+') || text.includes('00') || text.includes('%2B') || text.includes('%2b');

/** Percent-decoded; in a query string (`form`) a plus is a space, elsewhere it is the international prefix. */
function safeDecode(text: string, form = false): string {
  try {
    return decodeURIComponent(form ? text.replace(/\+/g, ' ') : text);
  } catch {
    return text;
  }
}

/**
 * Replaces personal data in any JSON value with its keyed hash, leaving everything else as it
 * is: values under personal keys (`email`, `phone`, `mobile`, ... at any depth, or as query
 * parameters of a URL), and email- or international-phone-shaped text anywhere. Emails and
 * phones that normalize hash to the same value identity links on; the rest hash as typed.
 */
export class PersonalDataScrubber {
  constructor(private readonly hasher: PersonalDataHasher) {}

  /** The keyed hash a value under a personal key is replaced with. */
  hashValue(kind: PersonalDataKind, raw: string, options: ScrubOptions = {}): string {
    const normalized = kind === 'email' ? this.hasher.emailHash(raw) : this.hasher.phoneHash(raw, options.phoneRegion);
    return normalized ?? this.hasher.opaqueHash(kind, raw);
  }

  scrub(value: unknown, options: ScrubOptions = {}): unknown {
    return this.walk(value, undefined, options, 0);
  }

  /** Free text with every email- and phone-shaped part, and every personal query parameter, hashed. */
  scrubText(text: string, options: ScrubOptions = {}): string {
    const withParameters = text.includes('=')
      ? text.replace(QUERY_PARAMETER, (whole, separator: string, name: string, raw: string) => {
          const kind = personalKeyKind(safeDecode(name, true));
          return kind && raw !== '' ? `${separator}${name}=${this.hashValue(kind, safeDecode(raw, true), options)}` : whole;
        })
      : text;
    const withEmails = mayHoldEmail(withParameters)
      ? withParameters.replace(EMAIL_SHAPED, (email) => this.hashValue('email', safeDecode(email), options))
      : withParameters;
    return mayHoldPhone(withEmails)
      ? withEmails.replace(PHONE_SHAPED, (phone) => {
          const decoded = safeDecode(phone);
          return decoded.replace(/\D/g, '').length >= 8 ? this.hashValue('phone', decoded, options) : phone;
        })
      : withEmails;
  }

  private walk(value: unknown, kind: PersonalDataKind | undefined, options: ScrubOptions, depth: number): unknown {
    if (depth > MAX_DEPTH) return null;
    if (typeof value === 'string') return kind ? this.hashValue(kind, value, options) : this.scrubText(value, options);
    if (typeof value === 'number' && kind) return this.hashValue(kind, String(value), options);
    if (Array.isArray(value)) return value.map((item) => this.walk(item, kind, options, depth + 1));
    if (value !== null && typeof value === 'object') {
      // A loop, not Object.fromEntries(Object.entries(...)): this runs for every object of every event.
      const source = value as Record<string, unknown>;
      const scrubbed: Record<string, unknown> = {};
      for (const key of Object.keys(source)) {
        const child = this.walk(source[key], kind ?? personalKeyKind(key), options, depth + 1);
        // An own "__proto__" (JSON.parse makes one) stays a plain key; assigning it would set the prototype.
        if (key === '__proto__') Object.defineProperty(scrubbed, key, { value: child, enumerable: true, writable: true, configurable: true });
        else scrubbed[key] = child;
      }
      return scrubbed;
    }
    return value;
  }
}
