import { randomUUID } from 'node:crypto';
import { type RecommendationMessage, Topics } from '@touchpoint/contracts';
import { testKafkaKind } from '@touchpoint/kafka-testing';
import { carted } from '../testing/journey-view';
import { recommendationSuite } from '../testing/recommendation-suite';
import { changed } from '../testing/transitions';

describe(`retargeting expiry on a quiet profile, on the ${testKafkaKind()}`, () => {
  const suite = recommendationSuite('expiry', {
    env: { RECOMMENDATION_RETARGETING_EXPIRY_SECONDS: '2', RECOMMENDATION_RETARGETING_MAX_PRODUCTS: '1', RECOMMENDATION_TIMER_POLL_MS: '100' },
  });

  it('stops retargeting with expired when nothing happens, from a durable timer, and keeps to the limit per profile', async () => {
    const profileId = randomUUID();
    await suite.service.publishTransitions(changed(profileId, `cart-${profileId}`, { 'jacket-42': carted(), 'boots-11': carted() }));
    const started = await suite.watcher.waitFor<RecommendationMessage>(Topics.recommendations.name, (m) => m.profileId === profileId && m.type === 'retargeting.started', 20_000, 'the start');
    const stop = await suite.watcher.waitFor<RecommendationMessage>(Topics.recommendations.name, (m) => m.profileId === profileId && m.type === 'retargeting.stopped', 20_000, 'the expiry');
    expect(stop.value).toMatchObject({ reason: 'expired', transitionId: null, cause: { kind: 'timer' } });
    expect(stop.receivedAt - started.receivedAt).toBeGreaterThanOrEqual(1_500);
    // One product at a time: the second starts once the first expired, and expires in turn.
    const starts = () => suite.watcher.all<RecommendationMessage>(Topics.recommendations.name, (m) => m.profileId === profileId && m.type === 'retargeting.started');
    await suite.watcher.waitFor<RecommendationMessage>(Topics.recommendations.name, (m) => m.profileId === profileId && m.type === 'retargeting.stopped' && m.productId !== (started.value.type === 'retargeting.started' ? started.value.productId : ''), 20_000, 'the second expiry');
    expect(starts()).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(starts()).toHaveLength(2);
    expect(((await suite.service.get(`/v1/profiles/${profileId}/recommendations`)).json() as { retargeting: string[] }).retargeting).toEqual([]);
  }, 60_000);
});
