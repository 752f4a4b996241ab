import { segmentMessageSchema } from '@touchpoint/contracts';
import { originIdentifierOf } from '../apply-journey-entries/entry-of-resolved-event';
import { originKeyOf } from './origin-of-identifier';

const HASH = 'ab'.repeat(32);
const event = (fields: Record<string, unknown>) =>
  segmentMessageSchema.parse({ type: 'track', event: 'Order Completed', messageId: 'm1', timestamp: '2026-01-01T10:00:00Z', receivedAt: '2026-01-01T10:00:00Z', ...fields });

describe('originKeyOf', () => {
  it('matches the origin journey records for the same identifier on an event', () => {
    expect(originKeyOf({ type: 'loyaltyId', value: 'chain-a:1001' })).toBe(originIdentifierOf(event({ context: { channel: 'store', loyaltyId: '1001' } })));
    expect(originKeyOf({ type: 'email', value: HASH })).toBe(originIdentifierOf(event({ anonymousId: 'x', context: { channel: 'web', emailHash: HASH } })));
    expect(originKeyOf({ type: 'anonymousId', value: 'a-7' })).toBe(originIdentifierOf(event({ anonymousId: 'a-7', context: { channel: 'web' } })));
    expect(originKeyOf({ type: 'userId', value: 'u-1' })).toBe(originIdentifierOf(event({ userId: 'u-1', context: { channel: 'web' } })));
  });

  it('has no key for device ids, which journey never records as an origin', () => {
    expect(originKeyOf({ type: 'deviceId', value: 'tablet' })).toBeNull();
  });
});
