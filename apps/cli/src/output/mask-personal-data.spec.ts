import { maskKey, maskPersonalData, maskValue } from './mask-personal-data';

describe('maskPersonalData', () => {
  it('masks identifiers, addresses and traits wherever they sit, keeping the last three characters of long values', () => {
    const masked = maskPersonalData({
      profileId: '5a2e0000-0000-4000-8000-000000000001',
      event: { userId: 'sanne-van-dijk-1987', anonymousId: 'short', context: { ip: '203.0.113.9', loyaltyId: '5566778899' }, traits: { plan: 'gold' } },
      identifiers: [{ type: 'emailHash', value: 'a'.repeat(60) }],
    });
    expect(masked).toEqual({
      profileId: '5a2e0000-0000-4000-8000-000000000001',
      event: { userId: '•••987', anonymousId: '•••', context: { ip: '•••', loyaltyId: '•••' }, traits: { plan: '•••' } },
      identifiers: [{ type: 'emailHash', value: '•••aaa' }],
    });
  });

  it('replaces email- and phone-shaped text inside free text and keeps product data', () => {
    expect(maskPersonalData({ note: 'call +31 6 12345678 or mail sanne@example.com', name: 'Rain jacket', price: 199 })).toEqual({ note: 'call [phone] or mail [email]', name: 'Rain jacket', price: 199 });
  });

  it('masks the value of an identifier key and leaves other keys as they are', () => {
    expect(maskKey('userId:sanne@example.com')).toBe(`userId:${maskValue('sanne@example.com')}`);
    expect(maskKey('5a2e0000-0000-4000-8000-000000000001')).toBe('5a2e0000-0000-4000-8000-000000000001');
    expect(maskKey(null)).toBeNull();
  });
});
