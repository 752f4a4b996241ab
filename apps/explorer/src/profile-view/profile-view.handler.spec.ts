import { type FakeService, startFakeService } from '../testing/fake-service';
import { SeenDecisions } from '../live/seen-decisions';
import { UpstreamClient } from '../upstream/upstream-client';
import { ProfileViewHandler } from './profile-view.handler';

const PROFILE = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const TOKEN = 'read-token-0123456789';

const status = { viewed: true, unitsInCart: 0, cartAbandoned: false, unitsBought: 1, unitsReturned: 0, unitsOwned: 1, lastPurchaseChannel: 'store', lastPurchaseStoreId: 'store-amsterdam-01', lastPurchaseAt: null, lastReturnAt: null };

describe('ProfileViewHandler', () => {
  let identity: FakeService;
  let journey: FakeService;
  let recommendation: FakeService;
  let decisionsDeployed = false;

  beforeAll(async () => {
    identity = await startFakeService((request) =>
      request.url.endsWith('/identifiers')
        ? { status: 200, body: { profileId: PROFILE, identifiers: [{ type: 'loyaltyId', value: 'default:LOY-1' }] } }
        : { status: 200, body: { profileId: PROFILE, status: 'active', mergedInto: null, merges: [], refusals: [] } },
    );
    journey = await startFakeService((request) =>
      request.url.endsWith('/journey')
        ? {
            status: 200,
            body: {
              profileId: PROFILE,
              revision: 4,
              asOf: '2026-01-01T10:00:00.000Z',
              summary: { stage: 'action', stageRule: 'r', step: 'buy', tier: 'small', tierRule: 't', trailingSpend: 199, currency: 'EUR', audiences: [] },
              products: { 'jacket-42': status, 'boots-11': { ...status, unitsOwned: 0, unitsBought: 0, lastPurchaseChannel: null, lastPurchaseStoreId: null } },
            },
          }
        : { status: 500, body: { code: 'TP_INTERNAL_ERROR', message: 'internal error' } },
    );
    recommendation = await startFakeService((request) => {
      if (request.url.endsWith('/recommendations')) return { status: 200, body: { profileId: PROFILE, stage: 'action', retargeting: [], recommendations: [{ productId: 'gloves-7', rank: 1, reason: 'accessory_of_purchase', becauseOf: 'jacket-42', name: null }] } };
      if (!decisionsDeployed) return { status: 404, body: { code: 'TP_HTTP_NOT_FOUND', message: 'Cannot GET' } };
      return {
        status: 200,
        body: {
          profileId: PROFILE,
          requestedProfileId: PROFILE,
          retargeting: [],
          recommendations: [],
          audiences: ['stage:action'],
          decisions: [
            { id: 'd-1', type: 'retargeting.stopped', productId: 'jacket-42', audienceId: null, reason: 'purchased_in_store', survivorProfileId: null, occurredAt: '2026-01-01T10:00:00.000Z', decidedAt: '2026-01-01T10:00:00.100Z', toldAt: null, transitionId: 'tr-1', cause: { kind: 'event', id: 'msg-1' } },
          ],
        },
      };
    });
  });
  afterAll(async () => {
    await Promise.all([identity.close(), journey.close(), recommendation.close()]);
  });

  const handler = (seen = new SeenDecisions()) =>
    new ProfileViewHandler(new UpstreamClient(2_000), { identity: identity.url, journey: journey.url, recommendation: recommendation.url }, seen);

  it('asks every service with the token, and a part that fails blanks only itself', async () => {
    decisionsDeployed = false;
    const seen = new SeenDecisions();
    seen.add(PROFILE, { id: 'seen-1', type: 'retargeting.stopped', productId: 'jacket-42', reason: 'purchased_in_store', occurredAt: '2026-01-01T10:00:00.000Z', toldAt: null, transitionId: 'tr-1', cause: { kind: 'event', id: 'msg-1' }, items: [] });
    const view = await handler(seen).execute(PROFILE, TOKEN);

    expect(view.identifiers).toEqual({ ok: true, value: [{ type: 'loyaltyId', value: 'default:LOY-1' }] });
    expect(view.journey.ok && view.journey.value.products.map((p) => p.productId)).toEqual(['boots-11', 'jacket-42']);
    expect(view.timeline).toMatchObject({ ok: false, status: 500, code: 'TP_INTERNAL_ERROR' });
    expect(view.decisions).toMatchObject({ ok: false, status: 404, code: 'TP_HTTP_NOT_FOUND' });
    expect(view.seenDecisions.map((d) => d.id)).toEqual(['seen-1']);
    expect(view.recommendations.ok && view.recommendations.value.recommendations.map((r) => r.productId)).toEqual(['gloves-7']);
    expect(view.scales.stage[0]).toBe('awareness');
    for (const service of [identity, journey, recommendation]) expect(service.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(journey.requests.some((r) => r.url === `/v1/profiles/${PROFILE}/timeline?limit=500`)).toBe(true);
  });

  it("shows recommendation's decisions with their reasons and causes once the API answers", async () => {
    decisionsDeployed = true;
    const view = await handler().execute(PROFILE, TOKEN);
    expect(view.decisions).toEqual({
      ok: true,
      value: {
        audiences: ['stage:action'],
        decisions: [
          { id: 'd-1', type: 'retargeting.stopped', productId: 'jacket-42', reason: 'purchased_in_store', occurredAt: '2026-01-01T10:00:00.000Z', toldAt: null, transitionId: 'tr-1', cause: { kind: 'event', id: 'msg-1' }, items: [] },
        ],
      },
    });
  });
});
