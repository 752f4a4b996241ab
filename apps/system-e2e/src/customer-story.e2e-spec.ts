import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { type RecommendationMessage, Topics } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import { IngestClient, JACKET, playCustomerStory, type RunningSystem, startSystem, type StoryOutcome, TopicWatcher } from '@touchpoint/system-harness';

const ADMIN_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `tp_e2e_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

interface PullAnswer {
  readonly profileId: string;
  readonly retargeting: readonly string[];
  readonly recommendations: readonly { productId: string }[];
}

async function pull(system: RunningSystem, profileId: string): Promise<PullAnswer> {
  const response = await fetch(`${system.urls.recommendation}/v1/profiles/${profileId}/recommendations`);
  expect(response.status).toBe(200);
  return (await response.json()) as PullAnswer;
}

describe('the whole story, end to end', () => {
  let kafka: TestKafka;
  let system: RunningSystem;
  let watcher: TopicWatcher;
  let ingest: IngestClient;
  const lines: string[] = [];

  beforeAll(async () => {
    kafka = await startTestKafka({ defaultPartitions: 3 });
    system = await startSystem({
      kafkaBrokers: kafka.brokers,
      databaseUrl: `postgres://postgres@127.0.0.1:5432/${database}`,
      redisUrl: 'redis://127.0.0.1:6379/0',
      logLevel: 'warn',
      onLine: (service, line) => lines.push(`${service}: ${line}`),
    });
    watcher = new TopicWatcher(system.kafkaBrokers);
    await watcher.start([Topics.eventsResolved.name, Topics.journeyTransitions.name, Topics.recommendations.name]);
    ingest = new IngestClient(system.urls.ingest, 'tp_demo_write_key');
  }, 180_000);

  afterAll(async () => {
    await watcher?.stop();
    await system?.stop();
    await kafka?.dispose();
    const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  /** Runs a story; on failure the services' own warnings are the best clue, so they join the error. */
  async function withServiceLogs<T>(story: () => Promise<T>): Promise<T> {
    try {
      return await story();
    } catch (error) {
      const tail = lines.filter((line) => /error|warn|fail/i.test(line)).slice(-30).join('\n');
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- service warnings and errors ---\n${tail}`);
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

    // The returned jacket is not pushed again: no new retargeting for it after the return.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const laterStarts = watcher.all<RecommendationMessage>(
      Topics.recommendations.name,
      (m) => m.type === 'retargeting.started' && m.profileId === outcome.profileId && m.productId === JACKET.product_id,
    );
    expect(laterStarts.filter((m) => m.receivedAt > (outcome.returnedAt ?? 0))).toEqual([]);

    const answer = await pull(system, outcome.profileId);
    expect(answer.retargeting).toEqual([]);
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
