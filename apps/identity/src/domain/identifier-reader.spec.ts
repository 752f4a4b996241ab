import { type SegmentMessage, segmentMessageSchema } from '@touchpoint/contracts';
import { card, emailIdentifier, testHasher, testIdentifierReader } from '../testing/test-identifier-reader';

const reader = testIdentifierReader();
const phone = (raw: string, region?: string) => ({ type: 'phone', value: testHasher.phoneHash(raw, region) ?? '' });

function message(fields: Record<string, unknown>): SegmentMessage {
  return segmentMessageSchema.parse({
    type: 'track',
    event: 'Product Viewed',
    messageId: 'm-1',
    timestamp: '2026-01-01T10:00:00.000Z',
    receivedAt: '2026-01-01T10:00:00.100Z',
    ...fields,
  });
}

describe('IdentifierReader.fromRequest', () => {
  it('keys a plain email with the shared secret, after trimming and lower-casing it', () => {
    expect(reader.fromRequest('email', '  Sanne@Example.COM ')).toEqual(emailIdentifier('sanne@example.com'));
    expect(reader.fromRequest('email', 'sanne@example.com')?.value).toMatch(/^[0-9a-f]{64}$/);
    expect(reader.fromRequest('email', 'not-an-email')).toBeNull();
  });

  it('gives a national number (in the default region) and its international form one hash', () => {
    const expected = phone('+31612345678');
    expect(reader.fromRequest('phone', '06 12345678')).toEqual(expected);
    expect(reader.fromRequest('phone', '+31 6 12345678')).toEqual(expected);
    expect(reader.fromRequest('phone', '0031 (6) 1234-5678')).toEqual(expected);
    expect(reader.fromRequest('phone', '12')).toBeNull();
  });

  it('ignores placeholder values whatever their case and padding, also for hashed types', () => {
    for (const blocked of ['', '  ', 'null', 'NULL', 'undefined', 'anonymous', ' Anonymous ']) {
      expect(reader.fromRequest('anonymousId', blocked)).toBeNull();
      expect(reader.fromRequest('email', blocked)).toBeNull();
    }
  });

  it('prefixes loyalty cards and POS customer ids with their chain, the default one unless named', () => {
    expect(reader.fromRequest('loyaltyId', 4711)).toEqual({ type: 'loyaltyId', value: card('4711') });
    expect(reader.fromRequest('posCustomerId', 'P-1', 'chain-b')).toEqual({ type: 'posCustomerId', value: card('P-1', 'chain-b') });
    expect(reader.fromRequest('loyaltyId', { id: 'L-1' })).toBeNull();
    expect(reader.fromRequest('loyaltyId', 'x'.repeat(250))).toBeNull();
    expect(reader.fromRequest('userId', ' u-1 ')).toEqual({ type: 'userId', value: 'u-1' });
  });
});

describe('IdentifierReader.extract', () => {
  it("takes anonymousId, userId and the store identifiers from context, cards in the store's chain", () => {
    const identifiers = reader.extract(message({ anonymousId: 'a-1', userId: 'u-1', context: { channel: 'store', storeId: 'store-b-1', loyaltyId: 'L-1', posCustomerId: 'P-1' } }));
    expect(identifiers).toEqual([
      { type: 'userId', value: 'u-1' },
      { type: 'loyaltyId', value: card('L-1', 'chain-b') },
      { type: 'posCustomerId', value: card('P-1', 'chain-b') },
      { type: 'anonymousId', value: 'a-1' },
    ]);
  });

  it("keeps two chains' same card number apart, and a web card in the default chain", () => {
    const inA = reader.extract(message({ context: { storeId: 'store-7', loyaltyId: '1001' } }));
    const inB = reader.extract(message({ context: { storeId: 'store-b-1', loyaltyId: '1001' } }));
    const web = reader.extract(message({ type: 'identify', userId: 'u-1', traits: { loyaltyId: '1001' } }));
    expect(inA).toEqual([{ type: 'loyaltyId', value: card('1001', 'chain-a') }]);
    expect(inB).toEqual([{ type: 'loyaltyId', value: card('1001', 'chain-b') }]);
    expect(web).toContainEqual(inA[0]);
  });

  it('links on the keyed hashes ingest put in context, on any event', () => {
    const emailHash = testHasher.emailHash('sanne@example.com');
    const phoneHash = testHasher.phoneHash('+31612345678');
    const store = message({ anonymousId: 'store:store-7:T-1', context: { channel: 'store', storeId: 'store-7', emailHash, phoneHash } });
    expect(reader.extract(store)).toEqual([emailIdentifier('sanne@example.com'), phone('+31612345678'), { type: 'anonymousId', value: 'store:store-7:T-1' }]);
  });

  it("links an alias's previousId with its userId", () => {
    const alias = message({ type: 'alias', previousId: 'anon-7', userId: 'u-7' });
    expect(reader.extract(alias)).toEqual([
      { type: 'userId', value: 'u-7' },
      { type: 'anonymousId', value: 'anon-7' },
    ]);
  });

  it("hashes contact traits of events from before ingest hashed them, a national phone in the store's country", () => {
    const identify = message({ type: 'identify', anonymousId: 'a-1', userId: 'u-1', traits: { loyalty_id: 'L-2', email: 'Sanne@Example.com', phone: '030 123 4567', name: 'Sanne' } });
    expect(reader.extract(identify)).toEqual([
      { type: 'userId', value: 'u-1' },
      { type: 'loyaltyId', value: card('L-2') },
      emailIdentifier('sanne@example.com'),
      phone('+31301234567'),
      { type: 'anonymousId', value: 'a-1' },
    ]);
    const track = message({ anonymousId: 'a-1', traits: { email: 'x@example.com' }, properties: { email: 'y@example.com' } });
    expect(reader.extract(track)).toEqual([{ type: 'anonymousId', value: 'a-1' }]);
  });

  it('de-duplicates, drops placeholders, device id from context.device.id', () => {
    const identify = message({
      type: 'identify',
      anonymousId: 'anonymous',
      userId: 'u-1',
      context: { loyaltyId: 'L-1', device: { id: 'dev-1', model: 'x' } },
      traits: { loyaltyId: 'L-1', loyalty_id: ' L-1 ', email: 'null' },
    });
    expect(reader.extract(identify)).toEqual([
      { type: 'userId', value: 'u-1' },
      { type: 'loyaltyId', value: card('L-1') },
      { type: 'deviceId', value: 'dev-1' },
    ]);
    expect(reader.extract(message({ anonymousId: 'undefined', userId: 'null' }))).toEqual([]);
  });

  it('drops configured test ids, and a blocked address even after ingest hashed it', () => {
    const strict = testIdentifierReader({ blockedValues: ['userId:qa-user', 'email:test@example.com'] });
    expect(strict.extract(message({ userId: 'QA-User', anonymousId: 'a-1' }))).toEqual([{ type: 'anonymousId', value: 'a-1' }]);
    const hashed = message({ anonymousId: 'a-1', context: { emailHash: testHasher.emailHash('test@example.com') } });
    expect(strict.extract(hashed)).toEqual([{ type: 'anonymousId', value: 'a-1' }]);
  });

  it('keys erased identifiers so the ledger holds no value, one key per type and value', () => {
    const key = reader.erasureKey({ type: 'userId', value: 'u-1' });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain('u-1');
    expect(reader.erasureKey({ type: 'anonymousId', value: 'u-1' })).not.toBe(key);
  });

  it('passes on an identify event from before ingest hashed traits with its contact traits hashed, and others as they are', () => {
    const legacy = message({ type: 'identify', userId: 'u-1', traits: { email: 'Sanne@Example.com', phone: '06 12345678', plan: 'gold' } });
    expect(reader.withoutContactTraits(legacy)).toMatchObject({ traits: { email: testHasher.emailHash('sanne@example.com'), phone: testHasher.phoneHash('+31612345678'), plan: 'gold' } });
    const protectedByIngest = message({ type: 'identify', userId: 'u-1', traits: { plan: 'gold' } });
    expect(reader.withoutContactTraits(protectedByIngest)).toBe(protectedByIngest);
  });
});
