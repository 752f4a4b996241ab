import { randomUUID } from 'node:crypto';
import { type RecommendationMessage, Topics } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka, testKafkaKind } from '@touchpoint/kafka-testing';
import type { TestDatabase } from '@touchpoint/persistence';
import { TopicWatcher } from '@touchpoint/system-harness';
import { carted } from '../testing/journey-view';
import { recommendationDatabase, type RecommendationUnderTest, startRecommendation } from '../testing/recommendation-under-test';
import { changed } from '../testing/transitions';

describe(`retargeting expiry on a quiet profile, on the ${testKafkaKind()}`, () => {
  let broker: TestKafka;
  let database: TestDatabase;
  let service: RecommendationUnderTest;
  let watcher: TopicWatcher;

  beforeAll(async () => {
    broker = await startTestKafka();
    database = await recommendationDatabase('expiry');
    service = await startRecommendation({
      brokers: broker.address,
      databaseUrl: database.url,
      env: { RECOMMENDATION_RETARGETING_EXPIRY_SECONDS: '2', RECOMMENDATION_RETARGETING_MAX_PRODUCTS: '1', RECOMMENDATION_TIMER_POLL_MS: '100' },
    });
    watcher = new TopicWatcher([broker.address]);
    await watcher.start([Topics.recommendations.name]);
  }, 90_000);

  afterAll(async () => {
    await watcher?.stop();
    await service?.close();
    await database?.drop();
    await broker?.dispose();
  });

  it('stops retargeting with expired when nothing happens, from a durable timer, and keeps to the limit per profile', async () => {
    const profileId = randomUUID();
    await service.publishTransitions(changed(profileId, `cart-${profileId}`, { 'jacket-42': carted(), 'boots-11': carted() }));
    const started = await watcher.waitFor<RecommendationMessage>(Topics.recommendations.name, (m) => m.profileId === profileId && m.type === 'retargeting.started', 20_000, 'the start');
    const stop = await watcher.waitFor<RecommendationMessage>(Topics.recommendations.name, (m) => m.profileId === profileId && m.type === 'retargeting.stopped', 20_000, 'the expiry');
    expect(stop.value).toMatchObject({ reason: 'expired', transitionId: null, cause: { kind: 'timer' } });
    expect(stop.receivedAt - started.receivedAt).toBeGreaterThanOrEqual(1_500);
    // One product at a time: the second starts once the first expired, and expires in turn.
    const starts = () => watcher.all<RecommendationMessage>(Topics.recommendations.name, (m) => m.profileId === profileId && m.type === 'retargeting.started');
    await watcher.waitFor<RecommendationMessage>(Topics.recommendations.name, (m) => m.profileId === profileId && m.type === 'retargeting.stopped' && m.productId !== (started.value.type === 'retargeting.started' ? started.value.productId : ''), 20_000, 'the second expiry');
    expect(starts()).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(starts()).toHaveLength(2);
    expect(((await service.get(`/v1/profiles/${profileId}/recommendations`)).json() as { retargeting: string[] }).retargeting).toEqual([]);
  }, 60_000);
});
