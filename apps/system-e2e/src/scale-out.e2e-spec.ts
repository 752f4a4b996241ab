import type { ServiceName } from '@touchpoint/config';
import { type DeadLetter, type RecommendationMessage, Topics } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import {
  freePort,
  IngestClient,
  JACKET,
  type ServiceProcess,
  serviceNames,
  spawnEntry,
  startTestSystem,
  type TestSystem,
  TopicWatcher,
  waitUntilReady,
} from '@touchpoint/system-harness';
import { audienceSizes, finalState, profileOf, type SystemEndpoints, settledState } from './support/final-state';
import { parseSamples, sumOf } from './support/prometheus-text';
import { browse, buy, seededCustomers, type WorkloadCustomer } from './support/seeded-workload';

const SEED = 16;
const CUSTOMERS = 12;
const portVariable: Record<ServiceName, string> = { ingest: 'INGEST_HTTP_PORT', identity: 'IDENTITY_HTTP_PORT', journey: 'JOURNEY_HTTP_PORT', recommendation: 'RECOMMENDATION_HTTP_PORT' };
const consumerServices: readonly ServiceName[] = ['identity', 'journey', 'recommendation'];

async function consumed(url: string): Promise<number> {
  return sumOf(parseSamples(await (await fetch(`${url}/metrics`)).text()), 'touchpoint_kafka_messages_consumed_total');
}

// One seeded workload, run twice on one system under two tags: first with one instance of
// every service, then while a second instance of every service joins (every consumer group
// rebalances with partitions holding the second run's work) and purchases go to both ingests.
// The second run must end exactly where the first did, customer by customer: the same journey,
// the same told retargeting and own-journey recommendations, the same audiences (their sizes
// double), each jacket purchase decided once, nothing dead-lettered; the first run's state
// must survive the rebalance unchanged; and each instance of each consumer must have worked.
describe('two instances of every service', () => {
  let kafka: TestKafka;
  let system: TestSystem;
  let watcher: TopicWatcher;
  const seconds: { name: ServiceName; url: string; process: ServiceProcess }[] = [];
  const lines: string[] = [];
  const clue = (): string => `${system.serviceWarnings()}\n${lines.slice(-20).join('\n')}`;
  const withClue = <T>(work: Promise<T>): Promise<T> =>
    work.catch((error: unknown) => {
      throw new Error(`${String(error)}\n${clue()}`);
    });

  beforeAll(async () => {
    kafka = await startTestKafka();
    system = await startTestSystem({ label: 'scale', kafkaBrokers: kafka.brokers, logLevel: 'warn' });
    watcher = new TopicWatcher(kafka.brokers);
    await watcher.start([Topics.eventsResolved.name, Topics.recommendations.name, Topics.deadLetter.name]);
  }, 240_000);

  afterAll(async () => {
    await watcher?.stop();
    await Promise.all(seconds.map((instance) => instance.process.stop()));
    await system?.stop();
    await kafka?.dispose();
  });

  const instancesOf = (name: ServiceName): string[] => [system.urls[name], ...seconds.filter((instance) => instance.name === name).map((instance) => instance.url)];
  const endpoints = (): SystemEndpoints => ({ identity: system.urls.identity, journey: system.urls.journey, recommendation: system.urls.recommendation, consumers: consumerServices.flatMap(instancesOf) });

  async function jacketDecisions(customers: readonly WorkloadCustomer[]): Promise<Record<number, number>> {
    const stops = watcher.all<RecommendationMessage>(Topics.recommendations.name, (m) => m.type === 'retargeting.stopped' && m.productId === JACKET.product_id);
    const decisions: Record<number, number> = {};
    for (const customer of customers.filter((c) => c.buys !== null)) {
      const profileId = await profileOf(system.urls.identity, customer);
      decisions[customer.index] = new Set(stops.filter((stop) => stop.value.profileId === profileId).map((stop) => stop.value.id)).size;
    }
    return decisions;
  }

  function startSecondInstances(): Promise<void> {
    return Promise.all(
      serviceNames.map(async (name) => {
        const port = await freePort();
        const process = spawnEntry(`${name}-b`, `apps/${name}/src/main.ts`, { ...system.serviceEnv, LOG_LEVEL: 'warn', [portVariable[name]]: String(port) }, (service, line) =>
          lines.push(`${service}: ${line}`),
        );
        const url = `http://127.0.0.1:${port}`;
        seconds.push({ name, url, process });
        await waitUntilReady(process, `${url}/health/ready`);
      }),
    ).then(() => undefined);
  }

  it('rebalances partitions under work and ends in the state of the single-instance run, with work on both instances', async () => {
    const first = seededCustomers(SEED, CUSTOMERS, 'scale-one');
    const second = seededCustomers(SEED, CUSTOMERS, 'scale-two');
    // The workload exercises what it compares: both channels, merges, returns, anonymous customers.
    for (const trait of [(c: WorkloadCustomer) => c.buys === 'store', (c: WorkloadCustomer) => c.buys === 'online', (c: WorkloadCustomer) => c.secondDevice !== null, (c: WorkloadCustomer) => c.returnsInStore, (c: WorkloadCustomer) => c.userId === null]) {
      expect(first.some(trait)).toBe(true);
    }
    const firstIngest = new IngestClient(system.urls.ingest);

    // One instance of every service.
    await withClue(Promise.all(first.map((customer) => browse(customer, firstIngest, watcher))));
    await withClue(Promise.all(first.map((customer) => buy(customer, firstIngest, watcher))));
    const single = await withClue(settledState(endpoints(), first));
    const singleAudiences = await audienceSizes(system.urls.recommendation);
    const singleDecisions = await jacketDecisions(first);

    // The second instances join while the second run browses, so groups rebalance under work.
    const joined = withClue(startSecondInstances());
    await withClue(Promise.all(second.map((customer) => browse(customer, firstIngest, watcher))));
    await joined;
    const ingests = [firstIngest, new IngestClient((seconds.find((instance) => instance.name === 'ingest') as { url: string }).url)];
    await withClue(Promise.all(second.map((customer, i) => buy(customer, ingests[i % 2] as IngestClient, watcher))));
    const scaled = await withClue(settledState(endpoints(), second));

    expect(watcher.all<DeadLetter>(Topics.deadLetter.name)).toEqual([]);
    for (const customer of first) expect({ customer: customer.index, ...scaled.customers[customer.index] }).toEqual({ customer: customer.index, ...single.customers[customer.index] });
    const decisions = await jacketDecisions(second);
    expect(Object.values(decisions).every((count) => count === 1)).toBe(true);
    expect(decisions).toEqual(singleDecisions);
    const audiences = await audienceSizes(system.urls.recommendation);
    expect(Object.keys(singleAudiences).length).toBeGreaterThan(0);
    expect(audiences).toEqual(Object.fromEntries(Object.entries(singleAudiences).map(([audience, size]) => [audience, 2 * size])));
    // The rebalance moved the first run's partitions too; its state is what it was.
    expect(await finalState(endpoints(), first)).toEqual(single);

    for (const name of consumerServices) {
      const counts = await Promise.all(instancesOf(name).map(consumed));
      expect({ name, instances: counts.length, bothWorked: counts.every((count) => count > 0) }).toEqual({ name, instances: 2, bothWorked: true });
    }
  }, 200_000);
});
