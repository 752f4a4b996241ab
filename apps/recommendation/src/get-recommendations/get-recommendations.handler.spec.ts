import { TouchpointError } from '@touchpoint/contracts';
import { SeedCatalog } from '../catalog/seed-catalog';
import { ApplyTransitionCommand } from '../apply-transition/apply-transition.command';
import { ApplyTransitionHandler } from '../apply-transition/apply-transition.handler';
import { boughtInStore, carted, summary } from '../testing/journey-view';
import { InMemoryRecommendationStates, RecordingRecommendationPublisher } from '../testing/in-memory-ports';
import { changed } from '../testing/transitions';
import { GetRecommendationsHandler } from './get-recommendations.handler';
import { GetRecommendationsQuery } from './get-recommendations.query';
import { parseGetRecommendationsParams } from './get-recommendations.request.dto';

const PROFILE = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';

describe('GetRecommendationsHandler', () => {
  let states: InMemoryRecommendationStates;
  let handler: GetRecommendationsHandler;
  const apply = (transition: ReturnType<typeof changed>) =>
    new ApplyTransitionHandler(states, new RecordingRecommendationPublisher(), new SeedCatalog()).execute(new ApplyTransitionCommand(transition));

  beforeEach(() => {
    states = new InMemoryRecommendationStates();
    handler = new GetRecommendationsHandler(states, new SeedCatalog());
  });

  it('answers from the view built from transitions, with the stage of the latest summary and catalog names', async () => {
    await apply(changed(PROFILE, 'm-order', { 'jacket-42': boughtInStore('2025-03-02T10:00:00.000Z') }, { summary: summary({ stage: 'action' }) }));
    await apply(changed(PROFILE, 'm-cart', { 'boots-11': carted() }, { summary: summary({ stage: 'loyalty' }) }));
    expect(await handler.execute(new GetRecommendationsQuery(PROFILE))).toEqual({
      profileId: PROFILE,
      stage: 'loyalty',
      retargeting: ['boots-11'],
      recommendations: [
        { productId: 'gloves-7', rank: 1, reason: 'accessory_of_purchase', becauseOf: 'jacket-42', name: 'Leather gloves' },
        { productId: 'scarf-3', rank: 2, reason: 'accessory_of_purchase', becauseOf: 'jacket-42', name: 'Wool scarf' },
        { productId: 'beanie-9', rank: 3, reason: 'accessory_of_purchase', becauseOf: 'jacket-42', name: 'Knitted beanie' },
      ],
    });
  });

  it('agrees with what platforms were told', async () => {
    await apply(changed(PROFILE, 'm-order', { 'jacket-42': boughtInStore('2025-03-02T10:00:00.000Z') }));
    const answer = await handler.execute(new GetRecommendationsQuery(PROFILE));
    const told = states.states.get(PROFILE)?.told;
    expect({ retargeting: answer.retargeting, recommendations: answer.recommendations.map(({ name: _name, ...item }) => item) }).toEqual(told);
  });

  it('answers TP_PROFILE_NOT_FOUND for a profile it has no view of', async () => {
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
