import { randomUUID } from 'node:crypto';
import { type JourneyTransitionV2, type RecommendationMessage, Topics } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka, testKafkaKind, waitFor } from '@touchpoint/kafka-testing';
import type { TestDatabase } from '@touchpoint/persistence';
import { TopicWatcher } from '@touchpoint/system-harness';
import { platformViewOf } from '../testing/platform-view';
import { recommendationDatabase, type RecommendationUnderTest, startRecommendation } from '../testing/recommendation-under-test';
import { expectedDecisions, shopperRound } from '../testing/shopper-transitions';

/**
 * Two recommendation instances in one group: one joins mid-stream and the other leaves, so
 * partitions move while transitions flow (and some are redelivered). Platforms must end with
 * the same view a single instance gives: the decisions of each profile's final state.
 */
describe(`two recommendation instances on the ${testKafkaKind()}, partitions rebalanced mid-stream`, () => {
  let broker: TestKafka;
  let database: TestDatabase;
  let first: RecommendationUnderTest | null = null;
  let second: RecommendationUnderTest | null = null;
  let watcher: TopicWatcher;

  beforeAll(async () => {
    broker = await startTestKafka({ defaultPartitions: 3 });
    database = await recommendationDatabase('two_instances');
    watcher = new TopicWatcher([broker.address]);
  }, 90_000);

  afterAll(async () => {
    await watcher?.stop();
    await first?.close();
    await second?.close();
    await database?.drop();
    await broker?.dispose();
  });

  it('ends with the platform view of the final states, nothing told twice under different ids', async () => {
    first = await startRecommendation({ brokers: broker.address, databaseUrl: database.url });
    await watcher.start([Topics.recommendations.name]);
    const profileIds = Array.from({ length: 40 }, () => randomUUID());
    const published: JourneyTransitionV2[] = [];
    const publish = async (round: number, via: RecommendationUnderTest): Promise<void> => {
      const transitions = shopperRound(profileIds, round);
      published.push(...transitions);
      await via.publishTransitions(...transitions);
    };

    for (let round = 0; round < 3; round++) await publish(round, first);
    second = await startRecommendation({ brokers: broker.address, databaseUrl: database.url });
    for (let round = 3; round < 6; round++) await publish(round, second);
    await first.close();
    first = null;
    // A redelivery of an earlier round, as a consumer that lost its commit would see.
    await second.publishTransitions(...shopperRound(profileIds, 2));
    for (let round = 6; round < 8; round++) await publish(round, second);

    const told = (profileId: string) => watcher.all<RecommendationMessage>(Topics.recommendations.name, (m) => m.profileId === profileId).map((m) => m.value);
    const expected = new Map(profileIds.map((id) => [id, expectedDecisions(published.filter((t) => t.profileId === id))]));
    await waitFor(
      () => (profileIds.every((id) => JSON.stringify(platformViewOf(told(id))) === JSON.stringify(expected.get(id))) ? true : undefined),
      'every platform view equal to the final decisions',
      60_000,
    );
    for (const id of profileIds) {
      const messages = told(id);
      const byId = new Map<string, string>();
      for (const message of messages) {
        const content = JSON.stringify(message);
        expect(byId.get(message.id) ?? content).toBe(content);
        byId.set(message.id, content);
      }
      const pulled = (await second.get(`/v1/profiles/${id}/decisions?limit=1`)).json() as { retargeting: string[]; audiences: string[] };
      expect(pulled).toMatchObject({ retargeting: expected.get(id)?.retargeting, audiences: expected.get(id)?.audiences });
    }
  }, 180_000);
});
