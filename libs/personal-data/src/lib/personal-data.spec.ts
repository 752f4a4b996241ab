import { createHash } from 'node:crypto';
import { normalizeEmail } from './email';
import { KEYED_HASH, PersonalDataHasher } from './keyed-hasher';
import { findPersonalData } from './personal-data-shapes';
import { normalizePhone } from './phone';
import { PersonalDataScrubber } from './scrub-personal-data';

const hasher = new PersonalDataHasher('spec-secret-0123456789');
const scrubber = new PersonalDataScrubber(hasher);

describe('normalizePhone', () => {
  it('gives national and international spellings of one number the same E.164 form', () => {
    for (const spelling of ['06 12345678', '06-1234 5678', '+31 6 12345678', '0031 6-1234 5678', '+31 (6) 1234-5678', '0031612345678']) {
      expect(normalizePhone(spelling, 'NL')).toBe('+31612345678');
    }
    expect(normalizePhone('+31 6 12345678')).toBe('+31612345678');
  });

  it('reads a national number in the region it was dialled in, and refuses one without a region or not valid there', () => {
    expect(normalizePhone('030 123 4567', 'NL')).toBe('+31301234567');
    expect(normalizePhone('030 123 4567', 'DE')).toBe('+49301234567');
    expect(normalizePhone('06 12345678')).toBeNull();
    expect(normalizePhone('06 12345678', 'XX')).toBeNull();
    expect(normalizePhone('12', 'NL')).toBeNull();
    expect(normalizePhone('call me', 'NL')).toBeNull();
    expect(normalizePhone({ number: '+31612345678' }, 'NL')).toBeNull();
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases, and refuses what cannot be an address', () => {
    expect(normalizeEmail('  Sanne@Example.COM ')).toBe('sanne@example.com');
    for (const bad of ['sanne', 'sanne@', '@example.com', 'sanne@localhost', 'two words@example.com', 42, null]) expect(normalizeEmail(bad)).toBeNull();
  });
});

describe('PersonalDataHasher', () => {
  it('hashes with the key: equal inputs agree, another secret or a plain SHA-256 does not', () => {
    const hash = hasher.phoneHash('06 12345678', 'NL');
    expect(hash).toMatch(KEYED_HASH);
    expect(hasher.phoneHash('+31 6 12345678')).toBe(hash);
    expect(new PersonalDataHasher('another-secret-0123456789').phoneHash('+31612345678')).not.toBe(hash);
    expect(hash).not.toBe(createHash('sha256').update('+31612345678').digest('hex'));
    expect(hasher.emailHash(' Sanne@Example.com')).toBe(hasher.emailHash('sanne@example.com'));
    expect(hasher.hash('userId', 'x')).not.toBe(hasher.hash('anonymousId', 'x'));
  });

  it('refuses a short secret', () => {
    expect(() => new PersonalDataHasher('short')).toThrow(/16 characters/);
  });
});

describe('findPersonalData', () => {
  it('finds emails (also percent-encoded) and international numbers in free text', () => {
    const text = 'https://shop.example/a?e=sanne%40example.com&x=1 mail jan.de.vries+news@mail.example.nl or call +31 6 1234 5678 or 0031612345678';
    expect(findPersonalData(text).map(({ kind, text: found }) => [kind, found])).toEqual([
      ['email', 'sanne%40example.com'],
      ['email', 'jan.de.vries+news@mail.example.nl'],
      ['phone', '+31 6 1234 5678'],
      ['phone', '0031612345678'],
    ]);
  });

  it('leaves hashes, UUIDs, timestamps, zone offsets and prices alone', () => {
    const noise = [
      hasher.phoneHash('+31612345678') ?? '',
      '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10',
      // Groups of digits inside a dashed UUID once read as an international number.
      'a0d1e2f3-0018-1000-8013-abcdef123456',
      '2024-05-03T10:15:00.000+02:00',
      '1764000000000',
      '{"price":129.95,"total":0.00123456789}',
      'store:AMS-01:T-1001:order',
    ];
    for (const text of noise) expect(findPersonalData(text)).toEqual([]);
  });

  it('reads a long word with no @ in linear time', () => {
    const started = process.hrtime.bigint();
    expect(findPersonalData('a'.repeat(200_000))).toEqual([]);
    // Quadratic scanning took seconds here; linear takes milliseconds. The bound is loose on purpose.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2_000);
  });
});

describe('PersonalDataScrubber', () => {
  const email = hasher.emailHash('sanne@example.com');
  const phone = hasher.phoneHash('+31612345678');

  it('hashes values under personal keys at any depth, national numbers in the given region', () => {
    const scrubbed = scrubber.scrub({ a: { Email: 'Sanne@Example.com', phone_number: '06 12345678', list: [{ mobile: '+31612345678' }] }, size: 'M' }, { phoneRegion: 'NL' });
    expect(scrubbed).toEqual({ a: { Email: email, phone_number: phone, list: [{ mobile: phone }] }, size: 'M' });
  });

  it('hashes what does not normalize as typed, so nothing readable is left', () => {
    const scrubbed = scrubber.scrub({ phone: '06 12345678', email: 'sanne at example' }) as { phone: string; email: string };
    expect(scrubbed.phone).toMatch(/^[0-9a-f]{64}$/);
    expect(scrubbed.phone).not.toBe(phone);
    expect(scrubbed.email).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes personal query parameters and email- or phone-shaped text inside strings', () => {
    const url = 'https://shop.example/checkout?tel=06%2012345678&email=sanne%40example.com&ref=mail';
    expect(scrubber.scrubText(url, { phoneRegion: 'NL' })).toBe(`https://shop.example/checkout?tel=${phone}&email=${email}&ref=mail`);
    expect(scrubber.scrubText('note: sanne@example.com, +31 6 12345678')).toBe(`note: ${email}, ${phone}`);
    expect(scrubber.scrubText('order T-1001 for 2 jackets at 129.95')).toBe('order T-1001 for 2 jackets at 129.95');
  });

  it('finds every spelling the quick pre-checks must not rule out', () => {
    for (const text of ['call %2b31612345678', 'call %2B31612345678', 'call 0031612345678', 'call +31612345678']) {
      expect([text, scrubber.scrubText(text)]).toEqual([text, `call ${phone}`]);
    }
    expect(scrubber.scrubText('to sanne%40example.com')).toBe(`to ${email}`);
    expect(scrubber.scrubText('Rain jacket 5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10')).toBe('Rain jacket 5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10');
  });

  it('keeps keys that merely look like built-in properties as ordinary keys', () => {
    const scrubbed = scrubber.scrub(JSON.parse('{"constructor": "06 12345678", "__proto__": {"email": "sanne@example.com"}}')) as Record<string, unknown>;
    expect(scrubbed['constructor']).toBe('06 12345678');
    expect(Object.getPrototypeOf(scrubbed)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(scrubbed, '__proto__')?.value).toEqual({ email });
  });

  it('leaves a scrubbed value with nothing personal-data shaped in it', () => {
    const scrubbed = JSON.stringify(scrubber.scrub({ q: '?phone=%2B31612345678', text: 'write to a.b@c.example or +44 20 7946 0958' }));
    expect(findPersonalData(scrubbed)).toEqual([]);
  });
});
