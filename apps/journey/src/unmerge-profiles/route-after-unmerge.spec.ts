import { segmentMessageSchema } from '@touchpoint/contracts';
import { eventEntry } from '@touchpoint/journey-model';
import { routeAfterUnmerge, type UnmergeRouteView } from './route-after-unmerge';

const entry = (messageId: string, identifier: string | null) =>
  eventEntry(
    segmentMessageSchema.parse({ type: 'track', event: 'Product Viewed', messageId, anonymousId: 'x', timestamp: '2026-01-01T10:00:00Z', receivedAt: '2026-01-01T10:00:00Z', context: { channel: 'web' } }),
    { profileId: 'survivor', identifier },
  );

describe('routeAfterUnmerge', () => {
  const route: UnmergeRouteView = { survivorProfileId: 'survivor', restoredProfileId: 'restored', causedByMessageId: 'sale', causedByRestored: true, originKeys: ['emailHash:e-b'] };

  it('sends the event that made the merge where identity placed it, and what arrived under a restored identifier to the restored profile', () => {
    expect(routeAfterUnmerge('survivor', entry('sale', 'loyaltyId:1001'), [route])).toBe('restored');
    expect(routeAfterUnmerge('survivor', entry('view', 'emailHash:e-b'), [route])).toBe('restored');
    expect(routeAfterUnmerge('survivor', entry('sale', 'loyaltyId:1001'), [{ ...route, causedByRestored: false }])).toBe('survivor');
  });

  it('leaves the survivor its own events and other profiles alone', () => {
    expect(routeAfterUnmerge('survivor', entry('own', 'loyaltyId:1001'), [route])).toBe('survivor');
    expect(routeAfterUnmerge('survivor', entry('anon', null), [route])).toBe('survivor');
    expect(routeAfterUnmerge('other', entry('sale', 'emailHash:e-b'), [route])).toBe('other');
  });
});
