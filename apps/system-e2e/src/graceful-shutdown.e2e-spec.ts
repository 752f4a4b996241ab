import { randomUUID } from 'node:crypto';
import type { ServiceName } from '@touchpoint/config';
import { type DeadLetter, type RecommendationMessage, type ResolvedEvent, Topics } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import {
  buyJacketInStore,
  freePort,
  IngestClient,
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
/** Page views sent alongside the purchases, from visitors of their own, so the services are busy when the signals arrive. */
const VIEW_SENDERS = 3;
/** What bootstrapService allows a SIGTERM to take; a clean stop ends well within it. */
const GRACE_MS = 25_000;
const portVariable: Record<ServiceName, string> = { ingest: 'INGEST_HTTP_PORT', identity: 'IDENTITY_HTTP_PORT', journey: 'JOURNEY_HTTP_PORT', recommendation: 'RECOMMENDATION_HTTP_PORT' };

interface Instance {
  readonly name: ServiceName;
  readonly url: string;
  readonly process: ServiceProcess;
}

/** A second instance of a service on the system's Kafka, database and Redis keys: the pod that stays while the other one is terminated. */
async function secondInstance(system: TestSystem, name: ServiceName, lines: string[]): Promise<Instance> {
  const port = await freePort();
  const process = spawnEntry(
    `${name}-b`,
    `apps/${name}/src/main.ts`,
    { ...system.serviceEnv, LOG_LEVEL: 'warn', [portVariable[name]]: String(port) },
    (service, line) => lines.push(`${service}: ${line}`),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(process, `${url}/health/ready`);
  return { name, url, process };
}

/** Sends until one of the ingest instances accepts, as an SDK behind a load balancer retries a 503 or a refused connection. */
async function acceptedByEither<T>(clients: readonly IngestClient[], send: (client: IngestClient) => Promise<T>, start: number): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (let attempt = start; ; attempt++) {
    try {
      return await send(clients[attempt % clients.length] as IngestClient);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

// Every service runs twice; while store purchases stream in, one instance of each gets SIGTERM
// in turn, as Kubernetes does in a rolling update. Every purchase ingest acknowledged must stop
// its retargeting once, nothing may be dead-lettered, and each terminated process must stop
// cleanly (exit 0) within the grace period.
describe('SIGTERM to one instance of each service under load', () => {
  let kafka: TestKafka;
  let system: TestSystem;
  let watcher: TopicWatcher;
  const seconds: Instance[] = [];
  const lines: string[] = [];

  beforeAll(async () => {
    kafka = await startTestKafka();
    system = await startTestSystem({ label: 'sigterm', kafkaBrokers: kafka.brokers, logLevel: 'warn' });
    for (const name of serviceNames) seconds.push(await secondInstance(system, name, lines));
    watcher = new TopicWatcher(kafka.brokers);
    await watcher.start([Topics.eventsResolved.name, Topics.recommendations.name, Topics.deadLetter.name]);
  }, 240_000);

  afterAll(async () => {
    await watcher?.stop();
    await Promise.all(seconds.map((instance) => instance.process.stop()));
    await system?.stop();
    await kafka?.dispose();
  });

  it('loses nothing and applies nothing twice; each terminated instance exits 0 within the grace period', async () => {
    const first = Object.fromEntries(system.processes.map((process) => [process.name, process])) as Record<ServiceName, ServiceProcess>;
    const ingestUrls = [system.urls.ingest, (seconds.find((instance) => instance.name === 'ingest') as Instance).url];
    const clients = ingestUrls.map((url) => new IngestClient(url));
    const shoppers = await shoppersWithCarts(clients[0] as IngestClient, watcher, CUSTOMERS, 'sigterm');
    const run = randomUUID().slice(0, 8);

    // Ingest's answers to new requests once it is draining: 503 with Retry-After, or a closed port.
    const drainingAnswers: string[] = [];
    const probeDraining = async (until: Promise<unknown>): Promise<void> => {
      let done = false;
      void until.then(() => (done = true));
      while (!done) {
        try {
          const response = await fetch(`${system.urls.ingest}/v1/track`, { method: 'POST' });
          drainingAnswers.push(`${response.status} ${response.headers.get('retry-after') ?? '-'} ${((await response.json()) as { code?: string }).code ?? ''}`);
        } catch {
          drainingAnswers.push('closed');
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };

    const stops: { name: ServiceName; code: number | null; ms: number }[] = [];
    const terminate = async (name: ServiceName): Promise<void> => {
      const started = Date.now();
      const exited = first[name].stop('SIGTERM');
      if (name === 'ingest') await probeDraining(exited);
      stops.push({ name, code: await exited, ms: Date.now() - started });
    };

    // Page views flow the whole time; each accepted one must reach tp.events.resolved.v1.
    const accepted: string[] = [];
    let purchasing = true;
    const viewers = Array.from({ length: VIEW_SENDERS }, async (_, sender) => {
      for (let i = 0; purchasing; i++) {
        accepted.push(await acceptedByEither(clients, (client) => client.track({ anonymousId: `viewer-${run}-${sender}` }, 'Product Viewed', { product_id: `p-${i}` }), i + sender));
      }
    });

    // One SIGTERM after every three purchases, while the purchases keep coming.
    const order: ServiceName[] = ['identity', 'journey', 'recommendation', 'ingest'];
    const terminations: Promise<void>[] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      if (i % 3 === 1 && order.length > 0) terminations.push(terminate(order.shift() as ServiceName));
      await acceptedByEither(clients, (client) => buyJacketInStore(client, shoppers[i] as Shopper, `sigterm-${run}-${i}`), i);
    }
    await Promise.all(terminations);
    purchasing = false;
    await Promise.all(viewers);

    if (process.env['SPEC_LOGS']) console.log(JSON.stringify({ stops, views: accepted.length, drainingAnswers: drainingAnswers.slice(0, 5), answers: drainingAnswers.length }));
    for (const stop of stops) {
      expect({ name: stop.name, code: stop.code }).toEqual({ name: stop.name, code: 0 });
      expect(stop.ms).toBeLessThan(GRACE_MS);
    }
    // Once the signal is handled, every answer of the draining ingest is the stable 503 with
    // Retry-After, or no connection at all (before that, the unauthenticated probe gets its 401).
    const fromDrain = drainingAnswers.slice(drainingAnswers.findIndex((answer) => answer === 'closed' || answer.startsWith('503')));
    expect(fromDrain.length).toBeGreaterThan(0);
    expect(fromDrain.filter((answer) => answer !== 'closed' && answer !== '503 5 TP_SERVICE_SHUTTING_DOWN')).toEqual([]);

    const stopped = await jacketRetargetingStops(watcher, shoppers, 90_000, () => `${system.serviceWarnings()}\n${lines.slice(-20).join('\n')}`);
    expect(stopped).toHaveLength(CUSTOMERS);
    // The stops are the later marker: a duplicate decision or a dead letter would have come before them.
    const told = watcher.all<RecommendationMessage>(Topics.recommendations.name).filter((message) => message.value.type === 'retargeting.stopped');
    for (const shopper of shoppers) {
      const ids = new Set(told.filter((message) => message.value.profileId === shopper.profileId).map((message) => message.value.id));
      expect({ profileId: shopper.profileId, distinctStops: ids.size }).toEqual({ profileId: shopper.profileId, distinctStops: 1 });
    }
    expect(watcher.all<DeadLetter>(Topics.deadLetter.name)).toEqual([]);
    expect(accepted.length).toBeGreaterThan(CUSTOMERS);
    const resolved = new Set(watcher.all<ResolvedEvent>(Topics.eventsResolved.name).map((observed) => observed.value.event.messageId));
    expect(accepted.filter((messageId) => !resolved.has(messageId))).toEqual([]);

    // The instances that stayed expose the Kafka metrics of what they did (what Prometheus scrapes).
    for (const instance of seconds.filter((candidate) => candidate.name !== 'ingest')) {
      const text = await (await fetch(`${instance.url}/metrics`)).text();
      expect({ name: instance.name, consumed: /touchpoint_kafka_messages_consumed_total\{/.test(text) }).toEqual({ name: instance.name, consumed: true });
      expect(text).toMatch(/touchpoint_kafka_consumer_lag\{/);
    }
    const ingestMetrics = await (await fetch(`${ingestUrls[1]}/metrics`)).text();
    expect(ingestMetrics).toMatch(/touchpoint_kafka_messages_published_total\{[^}]*topic="tp.events.raw.v1"/);
  }, 300_000);
});
