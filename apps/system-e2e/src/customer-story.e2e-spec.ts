import { type RecommendationMessage, Topics } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import { HARNESS_READ_TOKEN, IngestClient, JACKET, playCustomerStory, type RunningSystem, startTestSystem, type StoryOutcome, type TestSystem, TopicWatcher } from '@touchpoint/system-harness';

interface PullAnswer {
  readonly profileId: string;
  readonly retargeting: readonly string[];
  readonly recommendations: readonly { productId: string }[];
}

async function pull(system: RunningSystem, profileId: string): Promise<PullAnswer> {
  const response = await fetch(`${system.urls.recommendation}/v1/profiles/${profileId}/recommendations`, { headers: { authorization: `Bearer ${HARNESS_READ_TOKEN}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as PullAnswer;
}

describe('the whole story, end to end', () => {
  let kafka: TestKafka;
  let system: TestSystem;
  let watcher: TopicWatcher;
  let ingest: IngestClient;

  beforeAll(async () => {
    kafka = await startTestKafka({ defaultPartitions: 3 });
    system = await startTestSystem({ label: 'story', kafkaBrokers: kafka.brokers, logLevel: 'warn' });
    watcher = new TopicWatcher(system.kafkaBrokers);
    await watcher.start([Topics.eventsResolved.name, Topics.journeyTransitions.name, Topics.recommendations.name]);
    ingest = new IngestClient(system.urls.ingest);
  }, 180_000);

  afterAll(async () => {
    await watcher?.stop();
    await system?.stop();
    await kafka?.dispose();
  });

  /** Runs a story; on failure the services' own warnings are the best clue, so they join the error. */
  async function withServiceLogs<T>(story: () => Promise<T>): Promise<T> {
    try {
      return await story();
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- service warnings and errors ---\n${system.serviceWarnings(30)}`);
    }
  }

  it('stops retargeting after a store purchase with the loyalty card, recommends accessories, and stops them after a store return', async () => {
    const steps: string[] = [];
    const outcome: StoryOutcome = await withServiceLogs(() =>
      playCustomerStory({ name: 'sanne', buys: 'store', returnsInStore: true }, ingest, watcher, (step) => steps.push(step.text)),
    );
    expect(steps).toEqual(expect.arrayContaining([expect.stringContaining('retargeting stopped for jacket-42 (purchased_in_store)')]));

    expect(outcome.retargetingStarted.value).toMatchObject({ type: 'retargeting.started', productId: JACKET.product_id });
    expect(outcome.retargetingStopped.value).toMatchObject({ type: 'retargeting.stopped', productId: JACKET.product_id, reason: 'purchased_in_store' });
    expect(outcome.retargetingStopped.receivedAt).toBeGreaterThan(outcome.retargetingStarted.receivedAt);
    const items = outcome.accessories.value.type === 'recommendations.updated' ? outcome.accessories.value.items : [];
    expect(items.map((item) => item.productId)).toEqual(expect.arrayContaining(['gloves-7']));
    expect(items.every((item) => item.reason === 'accessory_of_purchase' && item.becauseOf === JACKET.product_id)).toBe(true);
    expect(outcome.afterReturn?.value).toMatchObject({ type: 'recommendations.updated', items: [] });

    // The returned jacket is not pushed again. Everything about one profile flows in order, so
    // once retargeting of boots carted after the return has started, a restart of the jacket
    // caused by the return would already have been told.
    await ingest.track({ anonymousId: outcome.anonymousId }, 'Product Added', { product_id: 'boots-11', name: 'Leather boots', price: 149 });
    await watcher.waitFor<RecommendationMessage>(
      Topics.recommendations.name,
      (m) => m.type === 'retargeting.started' && m.profileId === outcome.profileId && m.productId === 'boots-11',
      20_000,
      'retargeting of the boots carted after the return',
    );
    const laterStarts = watcher.all<RecommendationMessage>(
      Topics.recommendations.name,
      (m) => m.type === 'retargeting.started' && m.profileId === outcome.profileId && m.productId === JACKET.product_id,
    );
    expect(laterStarts.filter((m) => m.receivedAt > (outcome.returnedAt ?? 0))).toEqual([]);

    const answer = await pull(system, outcome.profileId);
    expect(answer.retargeting).toEqual(['boots-11']);
    expect(answer.recommendations).toEqual([]);
  });

  it('reports purchased_online for a customer who buys on the web, and the pull API agrees', async () => {
    const outcome = await withServiceLogs(() => playCustomerStory({ name: 'ahmed', buys: 'online', returnsInStore: false }, ingest, watcher, () => undefined));
    expect(outcome.retargetingStopped.value).toMatchObject({ type: 'retargeting.stopped', reason: 'purchased_online' });

    const answer = await pull(system, outcome.profileId);
    expect(answer.retargeting).not.toContain(JACKET.product_id);
    expect(answer.recommendations.map((item) => item.productId)).toEqual(expect.arrayContaining(['gloves-7']));
  });
});
