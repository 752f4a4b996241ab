import { type JourneySummary, type JourneyTransitionV2, type RecommendationMessage, Topics } from '@touchpoint/contracts';
import type { LiveEvent } from '../explorer-api/explorer-api';
import { LiveFeed } from './live-feed';

const PROFILE = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const OTHER = '0e0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';

const stopped: RecommendationMessage = {
  id: 'rec-1',
  profileId: PROFILE,
  occurredAt: '2026-01-01T10:00:00.000Z',
  transitionId: 'tr-1',
  cause: { kind: 'event', id: 'msg-store-order' },
  type: 'retargeting.stopped',
  productId: 'jacket-42',
  reason: 'purchased_in_store',
  survivorProfileId: null,
};

const summary: JourneySummary = {
  stage: 'action',
  stageRule: 'first purchase',
  step: 'buy',
  tier: 'small',
  tierRule: 'spend',
  trailingSpend: 199,
  currency: 'EUR',
  consent: { advertising: { granted: null, at: null }, personalization: { granted: null, at: null } },
  audiences: ['stage:action'],
};

const transition: JourneyTransitionV2 = {
  transitionId: 'tr-1',
  profileId: PROFILE,
  revision: 3,
  kind: 'changed',
  cause: { kind: 'event', id: 'msg-store-order' },
  occurredAt: '2026-01-01T10:00:00.000Z',
  survivorProfileId: null,
  mergedProfileIds: [],
  versions: { reducer: 1, definitions: '1' },
  before: null,
  after: summary,
  products: [
    {
      productId: 'jacket-42',
      before: null,
      after: {
        viewed: true,
        unitsInCart: 0,
        cartAbandoned: false,
        unitsBought: 1,
        unitsReturned: 0,
        unitsOwned: 1,
        lastPurchaseChannel: 'store',
        lastPurchaseStoreId: 'store-amsterdam-01',
        lastPurchaseAt: '2026-01-01T10:00:00.000Z',
        lastReturnAt: null,
      },
    },
  ],
};

describe('LiveFeed', () => {
  const feed = new LiveFeed({ kafka: { brokers: null, clientId: 'test', security: { tls: null, sasl: null } } });

  it('hands a transition and a decision to the pages watching that profile only, and remembers the decision', () => {
    expect(Topics.journeyTransitions.schema.safeParse(transition).success).toBe(true);
    const mine: LiveEvent[] = [];
    const theirs: LiveEvent[] = [];
    const stop = feed.channels.subscribe(PROFILE, (event) => mine.push(event));
    feed.channels.subscribe(OTHER, (event) => theirs.push(event));
    feed.handle(Topics.journeyTransitions.name, JSON.stringify(transition));
    feed.handle(Topics.recommendations.name, JSON.stringify(stopped));
    expect(mine).toEqual([
      expect.objectContaining({ kind: 'transition', transitionId: 'tr-1', stage: 'action', productsChanged: ['jacket-42'] }),
      { kind: 'decision', decision: expect.objectContaining({ type: 'retargeting.stopped', productId: 'jacket-42', reason: 'purchased_in_store', cause: { kind: 'event', id: 'msg-store-order' } }) },
    ]);
    expect(theirs).toEqual([]);
    expect(feed.seen.of(PROFILE).map((d) => d.id)).toEqual(['rec-1']);
    stop();
    feed.handle(Topics.recommendations.name, JSON.stringify({ ...stopped, id: 'rec-2' }));
    expect(mine).toHaveLength(2);
    expect(feed.channels.watchers(PROFILE)).toBe(0);
  });

  it('skips what it cannot read', () => {
    const events: LiveEvent[] = [];
    feed.channels.subscribe(OTHER, (event) => events.push(event));
    feed.handle(Topics.recommendations.name, 'not json');
    feed.handle(Topics.recommendations.name, JSON.stringify({ ...stopped, profileId: OTHER, reason: 'no such reason' }));
    feed.handle('tp.other.v1', JSON.stringify({ ...stopped, profileId: OTHER }));
    expect(events).toEqual([]);
    expect(feed.seen.of(OTHER)).toEqual([]);
  });

  it("folds recommendation's state topic into the spend pyramid, tombstones included", () => {
    const state = { profileId: PROFILE, retargeting: [], recommendations: [], audiences: ['stage:action', 'tier:small'], survivorProfileId: null, revision: 3, positions: [], updatedAt: '2026-01-01T10:00:00.000Z' };
    feed.handleState(PROFILE, JSON.stringify(state));
    feed.handleState(OTHER, JSON.stringify({ ...state, profileId: OTHER, audiences: ['tier:top'] }));
    feed.handleState(OTHER, 'not json');
    expect(feed.pyramid.counts(['small', 'top'])).toEqual([{ tier: 'small', profiles: 1 }, { tier: 'top', profiles: 1 }]);
    feed.handleState(OTHER, null);
    expect(feed.pyramid.counts(['small', 'top'])).toEqual([{ tier: 'small', profiles: 1 }, { tier: 'top', profiles: 0 }]);
  });
});
