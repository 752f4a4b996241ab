import { randomUUID } from 'node:crypto';
import type { ServiceName } from '@touchpoint/config';
import { type DeadLetter, type RecommendationStateV1, Topics } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import {
  buyJacketInStore,
  freePort,
  IngestClient,
  JACKET,
  jacketRetargetingStops,
  type ServiceProcess,
  type Shopper,
  serviceNames,
  shoppersWithCarts,
  spawnEntry,
  startTestSystem,
  type TestSystem,
  TopicWatcher,
  waitUntilReady,
} from '@touchpoint/system-harness';

const CUSTOMERS = 12;
const portVariable: Record<ServiceName, string> = { ingest: 'INGEST_HTTP_PORT', identity: 'IDENTITY_HTTP_PORT', journey: 'JOURNEY_HTTP_PORT', recommendation: 'RECOMMENDATION_HTTP_PORT' };
const consumerServices: readonly ServiceName[] = ['identity', 'journey', 'recommendation'];

/** The sum of one metric's series in Prometheus' text format. */
function total(text: string, name: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

// Two instances of every service: the second ones join while the system already runs, so
// every consumer group rebalances, and ingest takes requests on two ports. Every purchase must
// end in the truth the single-instance story asserts (its retargeting stopped by one decision,
// nothing dead-lettered, the compacted state topic no longer retargeting the jacket), and each
// instance of each consumer must have done part of the work.
describe('two instances of every service', () => {
  let kafka: TestKafka;
  let system: TestSystem;
  let watcher: TopicWatcher;
  const seconds: { name: ServiceName; url: string; process: ServiceProcess }[] = [];
  const lines: string[] = [];

  beforeAll(async () => {
    kafka = await startTestKafka();
    system = await startTestSystem({ label: 'scale', kafkaBrokers: kafka.brokers, logLevel: 'warn' });
    watcher = new TopicWatcher(kafka.brokers);
    await watcher.start([Topics.eventsResolved.name, Topics.recommendations.name, Topics.recommendationsState.name, Topics.deadLetter.name]);
  }, 240_000);

  afterAll(async () => {
    await watcher?.stop();
    await Promise.all(seconds.map((instance) => instance.process.stop()));
    await system?.stop();
    await kafka?.dispose();
  });

  it('rebalances partitions and reaches the truth the single-instance story asserts, with work on both instances', async () => {
    const firstIngest = new IngestClient(system.urls.ingest);
    const shoppers = await shoppersWithCarts(firstIngest, watcher, CUSTOMERS, 'scale');

    for (const name of serviceNames) {
      const port = await freePort();
      const process = spawnEntry(
        `${name}-b`,
        `apps/${name}/src/main.ts`,
        { ...system.serviceEnv, LOG_LEVEL: 'warn', [portVariable[name]]: String(port) },
        (service, line) => lines.push(`${service}: ${line}`),
      );
      const url = `http://127.0.0.1:${port}`;
      await waitUntilReady(process, `${url}/health/ready`);
      seconds.push({ name, url, process });
    }
    const clients = [firstIngest, new IngestClient((seconds.find((instance) => instance.name === 'ingest') as { url: string }).url)];

    const run = randomUUID().slice(0, 8);
    await Promise.all(shoppers.map((shopper, i) => buyJacketInStore(clients[i % 2] as IngestClient, shopper as Shopper, `scale-${run}-${i}`)));

    const stopped = await jacketRetargetingStops(watcher, shoppers, 90_000, () => `${system.serviceWarnings()}\n${lines.slice(-20).join('\n')}`);
    expect(stopped).toHaveLength(CUSTOMERS);
    for (const shopper of shoppers) {
      const decisions = new Set(stopped.filter((stop) => stop.value.profileId === shopper.profileId).map((stop) => stop.value.id));
      expect(decisions.size).toBe(1);
      // Each profile's current truth, as a platform rebuilding from the compacted topic reads it.
      const truth = await watcher.waitFor<RecommendationStateV1>(
        Topics.recommendationsState.name,
        (state) => state.profileId === shopper.profileId && !state.retargeting.includes(JACKET.product_id),
        30_000,
        `the state of ${shopper.profileId} without the jacket`,
      );
      expect(truth.value.retargeting).not.toContain(JACKET.product_id);
    }
    expect(watcher.all<DeadLetter>(Topics.deadLetter.name)).toEqual([]);

    // Both instances of each consumer hold partitions after the rebalance and did part of the work.
    const firstByName = Object.fromEntries(serviceNames.map((name) => [name, system.urls[name]])) as Record<ServiceName, string>;
    for (const name of consumerServices) {
      const second = seconds.find((instance) => instance.name === name) as { url: string };
      const counts = await Promise.all([firstByName[name], second.url].map(async (url) => total(await (await fetch(`${url}/metrics`)).text(), 'touchpoint_kafka_messages_consumed_total')));
      expect({ name, bothWorked: counts.every((count) => count > 0) }).toEqual({ name, bothWorked: true });
    }
  }, 300_000);
});
