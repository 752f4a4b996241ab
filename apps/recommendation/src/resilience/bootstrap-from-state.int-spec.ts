import { randomUUID } from 'node:crypto';
import { type RecommendationMessage, recommendationMessageSchema, type RecommendationStateV1, recommendationStateSchema, Topics } from '@touchpoint/contracts';
import { EventPublisher, readTopicToEnd } from '@touchpoint/kafka';
import { startTestKafka, type TestKafka, testKafkaKind, waitFor } from '@touchpoint/kafka-testing';
import type { TestDatabase } from '@touchpoint/persistence';
import { platformViewOf, type PlatformView } from '../testing/platform-view';
import { recommendationDatabase, type RecommendationUnderTest, startRecommendation } from '../testing/recommendation-under-test';
import { shopperRound } from '../testing/shopper-transitions';

/**
 * A marketing platform joining late learns the truth from the compacted state topic and then
 * the event topic from the positions each state records, without reading all history.
 */
describe(`a new consumer bootstraps from tp.recommendations.state.v1 on the ${testKafkaKind()}`, () => {
  let broker: TestKafka;
  let database: TestDatabase;
  let service: RecommendationUnderTest;

  beforeAll(async () => {
    broker = await startTestKafka({ defaultPartitions: 3 });
    database = await recommendationDatabase('bootstrap');
    service = await startRecommendation({ brokers: broker.address, databaseUrl: database.url });
  }, 90_000);

  afterAll(async () => {
    await service?.close();
    await database?.drop();
    await broker?.dispose();
  });

  const truthOf = async (profileId: string): Promise<PlatformView | null> => {
    const answer = await service.get(`/v1/profiles/${profileId}/decisions?limit=1`);
    if (answer.statusCode === 404) return null;
    const body = answer.json() as { retargeting: string[]; recommendations: PlatformView['recommendations']; audiences: string[] };
    return { retargeting: body.retargeting, recommendations: body.recommendations, audiences: body.audiences };
  };

  const settled = async (profileIds: readonly string[], rounds: number): Promise<void> => {
    await waitFor(async () => {
      const answers = await Promise.all(profileIds.map((id) => service.get(`/v1/profiles/${id}/decisions?limit=1`)));
      return answers.every((a) => a.statusCode === 200) ? true : undefined;
    }, `${rounds} rounds decided`, 30_000);
    // The outbox is empty once the relay finds nothing: every message and state is on the topics.
    await waitFor(async () => ((await readTopicToEnd(broker.kafka, Topics.recommendationsState.name)).length > 0 ? true : undefined), 'states published');
  };

  it('reads the state topic, then the event topic from the recorded positions, and ends with the truth', async () => {
    const profileIds = Array.from({ length: 30 }, () => randomUUID());
    for (let round = 0; round < 4; round++) await service.publishTransitions(...shopperRound(profileIds, round));
    await settled(profileIds, 4);
    const erased = profileIds[0];
    await service.app.get(EventPublisher).publish(Topics.profileDeleted, [{ id: `deleted-${erased}`, value: { deletionId: randomUUID(), profileId: erased, mergedProfileIds: [], deletedAt: new Date().toISOString() } }]);
    await waitFor(async () => ((await truthOf(erased)) === null ? true : undefined), 'the erasure');
    // The tombstone follows the erasure's commit: wait for it to be on the topic.
    await waitFor(async () => {
      const records = (await readTopicToEnd(broker.kafka, Topics.recommendationsState.name)).filter(({ message }) => String(message.key) === erased);
      return records.at(-1)?.message.value === null ? true : undefined;
    }, 'the tombstone');

    // The platform reads the state topic now: latest value per key, a tombstone forgets the key.
    const snapshot = new Map<string, RecommendationStateV1>();
    for (const { message } of await readTopicToEnd(broker.kafka, Topics.recommendationsState.name)) {
      const key = String(message.key);
      if (message.value === null) snapshot.delete(key);
      else snapshot.set(key, recommendationStateSchema.parse(JSON.parse(message.value.toString())));
    }
    expect(snapshot.has(erased)).toBe(false);

    // More happens after the snapshot was read.
    for (let round = 4; round < 7; round++) await service.publishTransitions(...shopperRound(profileIds.slice(1), round));
    const last = shopperRound(profileIds.slice(1), 6);
    await waitFor(async () => {
      const views = await Promise.all(profileIds.slice(1).map((id) => service.get(`/v1/profiles/${id}/decisions?limit=1`)));
      return views.every((v) => v.statusCode === 200) ? true : undefined;
    }, 'the later rounds');
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the relay sweeps every 500 ms: anything left is out by now
    expect(last).toHaveLength(29);

    // Then the event topic, keeping per profile only what its state does not summarize.
    const messages = new Map<string, RecommendationMessage[]>();
    for (const { partition, message } of await readTopicToEnd(broker.kafka, Topics.recommendations.name)) {
      const value = recommendationMessageSchema.parse(JSON.parse(String(message.value)));
      const from = snapshot.get(value.profileId)?.positions.find((p) => p.partition === partition);
      if (from && BigInt(message.offset) < BigInt(from.offset)) continue;
      messages.set(value.profileId, [...(messages.get(value.profileId) ?? []), value]);
    }
    const skipped = [...snapshot.values()].filter((s) => s.positions.length > 0).length;
    expect(skipped).toBeGreaterThan(20);

    for (const profileId of profileIds.slice(1)) {
      const state = snapshot.get(profileId);
      const start: RecommendationMessage[] = state
        ? [
            ...state.retargeting.map((productId, i) => ({ id: `boot-${i}-${productId}`, type: 'retargeting.started' as const, productId, profileId, occurredAt: state.updatedAt, transitionId: null, cause: { kind: 'event' as const, id: 'boot' } })),
            { id: 'boot-list', type: 'recommendations.updated' as const, items: state.recommendations, profileId, occurredAt: state.updatedAt, transitionId: null, cause: { kind: 'event' as const, id: 'boot' } },
            ...state.audiences.map((audienceId) => ({ id: `boot-${audienceId}`, type: 'audience.entered' as const, audienceId, profileId, occurredAt: state.updatedAt, transitionId: null, cause: { kind: 'event' as const, id: 'boot' } })),
          ]
        : [];
      expect(platformViewOf([...start, ...(messages.get(profileId) ?? [])])).toEqual(await truthOf(profileId));
    }
  }, 120_000);
});
