import { TouchpointError } from '@touchpoint/contracts';
import { emptyJourneyState } from '@touchpoint/journey-model';
import { SeedCatalog } from '../catalog/seed-catalog';
import { facts } from '../testing/facts';
import { InMemoryJourneyProfiles } from '../testing/in-memory-ports';
import { GetRecommendationsHandler } from './get-recommendations.handler';
import { GetRecommendationsQuery } from './get-recommendations.query';
import { parseGetRecommendationsParams } from './get-recommendations.request.dto';

const PROFILE = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';

describe('GetRecommendationsHandler', () => {
  let profiles: InMemoryJourneyProfiles;
  let handler: GetRecommendationsHandler;

  beforeEach(() => {
    profiles = new InMemoryJourneyProfiles();
    handler = new GetRecommendationsHandler(profiles, new SeedCatalog());
  });

  it('decides live from the cached journey, with stage and catalog names', async () => {
    profiles.states.set(PROFILE, {
      ...emptyJourneyState(PROFILE),
      products: { 'jacket-42': facts({ purchasedInStoreAt: 2 }), 'boots-11': facts({ cartedAt: 3 }) },
      orders: { 'o-1': { at: 2, amount: 199, channel: 'store' } },
    });
    expect(await handler.execute(new GetRecommendationsQuery(PROFILE))).toEqual({
      profileId: PROFILE,
      stage: 'action',
      retargeting: ['boots-11'],
      recommendations: [
        { productId: 'gloves-7', rank: 1, reason: 'accessory_of_purchase', becauseOf: 'jacket-42', name: 'Leather gloves' },
        { productId: 'scarf-3', rank: 2, reason: 'accessory_of_purchase', becauseOf: 'jacket-42', name: 'Wool scarf' },
        { productId: 'beanie-9', rank: 3, reason: 'accessory_of_purchase', becauseOf: 'jacket-42', name: 'Knitted beanie' },
      ],
    });
  });

  it('answers TP_PROFILE_NOT_FOUND for a profile with no journey', async () => {
    await expect(handler.execute(new GetRecommendationsQuery(PROFILE))).rejects.toMatchObject({ code: 'TP_PROFILE_NOT_FOUND' });
  });

  it('accepts only a UUID as profile id', () => {
    expect(parseGetRecommendationsParams({ id: PROFILE })).toEqual({ id: PROFILE });
    expect(() => parseGetRecommendationsParams({ id: 'not-a-uuid' })).toThrow(TouchpointError);
    try {
      parseGetRecommendationsParams({ id: 'not-a-uuid' });
    } catch (error) {
      expect(error).toMatchObject({ code: 'TP_REQUEST_INVALID', details: [expect.objectContaining({ parameter: 'id' })] });
    }
  });
});
