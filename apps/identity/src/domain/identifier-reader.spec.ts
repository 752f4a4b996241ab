import { createHash } from 'node:crypto';
import { type SegmentMessage, segmentMessageSchema } from '@touchpoint/contracts';
import { extractIdentifiers, normalizeIdentifier } from './identifiers';
import { buildIdentityRules } from './identity-rules';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

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

describe('normalizeIdentifier', () => {
  it('stores email as sha256 hex of its trimmed, lower-cased form', () => {
    const expected = sha256('sanne@example.com');
    expect(normalizeIdentifier('email', '  Sanne@Example.COM ')).toEqual({ type: 'email', value: expected });
    expect(normalizeIdentifier('email', 'sanne@example.com')?.value).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores placeholder values whatever their case and padding', () => {
    for (const blocked of ['', '  ', 'null', 'NULL', 'undefined', 'anonymous', ' Anonymous ']) {
      expect(normalizeIdentifier('anonymousId', blocked)).toBeNull();
      expect(normalizeIdentifier('email', blocked)).toBeNull();
    }
  });

  it('accepts numeric ids as strings and rejects other shapes and over-long values', () => {
    expect(normalizeIdentifier('loyaltyId', 4711)).toEqual({ type: 'loyaltyId', value: '4711' });
    expect(normalizeIdentifier('loyaltyId', { id: 'L-1' })).toBeNull();
    expect(normalizeIdentifier('loyaltyId', true)).toBeNull();
    expect(normalizeIdentifier('loyaltyId', 'x'.repeat(257))).toBeNull();
    expect(normalizeIdentifier('userId', ' u-1 ')).toEqual({ type: 'userId', value: 'u-1' });
  });
});

describe('extractIdentifiers', () => {
  it('takes anonymousId, userId and the store identifiers from context', () => {
    const identifiers = extractIdentifiers(
      message({ anonymousId: 'a-1', userId: 'u-1', context: { channel: 'store', storeId: 'S-1', loyaltyId: 'L-1', posCustomerId: 'P-1' } }),
    );
    expect(identifiers).toEqual([
      { type: 'userId', value: 'u-1' },
      { type: 'loyaltyId', value: 'L-1' },
      { type: 'posCustomerId', value: 'P-1' },
      { type: 'anonymousId', value: 'a-1' },
    ]);
  });

  it('takes loyalty id and hashed email from identify traits, in both spellings', () => {
    const identify = message({ type: 'identify', anonymousId: 'a-1', userId: 'u-1', traits: { loyalty_id: 'L-2', email: 'Sanne@Example.com', name: 'Sanne' } });
    expect(extractIdentifiers(identify)).toEqual([
      { type: 'userId', value: 'u-1' },
      { type: 'loyaltyId', value: 'L-2' },
      { type: 'email', value: sha256('sanne@example.com') },
      { type: 'anonymousId', value: 'a-1' },
    ]);
    const camel = message({ type: 'identify', userId: 'u-1', traits: { loyaltyId: 'L-3' } });
    expect(extractIdentifiers(camel)).toContainEqual({ type: 'loyaltyId', value: 'L-3' });
  });

  it('reads traits only on identify calls', () => {
    const track = message({ anonymousId: 'a-1', traits: { email: 'x@example.com' }, properties: { email: 'y@example.com' } });
    expect(extractIdentifiers(track)).toEqual([{ type: 'anonymousId', value: 'a-1' }]);
  });

  it('de-duplicates the same identifier given twice and drops placeholders', () => {
    const identify = message({
      type: 'identify',
      anonymousId: 'anonymous',
      userId: 'u-1',
      context: { loyaltyId: 'L-1' },
      traits: { loyaltyId: 'L-1', loyalty_id: ' L-1 ', email: 'null' },
    });
    expect(extractIdentifiers(identify)).toEqual([
      { type: 'userId', value: 'u-1' },
      { type: 'loyaltyId', value: 'L-1' },
    ]);
  });

  it('yields nothing when every identifier is a placeholder', () => {
    expect(extractIdentifiers(message({ anonymousId: 'undefined', userId: 'null' }))).toEqual([]);
  });
});

describe('phone, device and configured rules', () => {
  it('hashes phone numbers in E.164 and drops numbers without a country code', () => {
    const expected = sha256('+31612345678');
    expect(normalizeIdentifier('phone', '+31 (6) 1234-5678')).toEqual({ type: 'phone', value: expected });
    expect(normalizeIdentifier('phone', '0031612345678')).toEqual({ type: 'phone', value: expected });
    expect(normalizeIdentifier('phone', '0612345678')).toBeNull();
    expect(normalizeIdentifier('email', 'not-an-email')).toBeNull();
  });

  it('takes the device id from context.device.id and the phone from identify traits', () => {
    const identify = message({ type: 'identify', userId: 'u-1', context: { device: { id: 'dev-1', model: 'x' } }, traits: { phone: '+31612345678' } });
    expect(extractIdentifiers(identify)).toEqual([
      { type: 'userId', value: 'u-1' },
      { type: 'phone', value: sha256('+31612345678') },
      { type: 'deviceId', value: 'dev-1' },
    ]);
  });

  it('drops configured test ids', () => {
    const rules = buildIdentityRules({ blockedValues: ['userId:qa-user'] });
    expect(extractIdentifiers(message({ userId: 'QA-User', anonymousId: 'a-1' }), rules)).toEqual([{ type: 'anonymousId', value: 'a-1' }]);
  });
});
