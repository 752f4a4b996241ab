import { randomUUID } from 'node:crypto';
import { type DeadLetter, type ResolvedEvent, Topics } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import {
  buyJacketInStore,
  IngestClient,
  jacketRetargetingStops,
  JACKET,
  type Shopper,
  shoppersWithCarts,
  startTcpProxy,
  startTestSystem,
  type TcpProxy,
  type TestSystem,
  TopicWatcher,
} from '@touchpoint/system-harness';

const CUT_MS = 5_000;
const SHOPPERS = 4;

interface Readiness {
  readonly status: number;
  readonly body: { readonly details?: Record<string, { status: string; critical?: boolean; reason?: string; details?: unknown }> };
}

async function readiness(url: string): Promise<Readiness> {
  const response = await fetch(`${url}/health/ready`);
  return { status: response.status, body: (await response.json()) as Readiness['body'] };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Redis and Postgres sit behind TCP proxies this spec owns; cutting a proxy takes the dependency
// away from the services (the shared servers never notice) while store purchases are in flight.
describe('dependencies that fail under the system', () => {
  let kafka: TestKafka;
  let redisProxy: TcpProxy;
  let postgresProxy: TcpProxy;
  let system: TestSystem;
  let watcher: TopicWatcher;
  let ingest: IngestClient;

  beforeAll(async () => {
    kafka = await startTestKafka({ defaultPartitions: 3 });
    redisProxy = await startTcpProxy({ target: { host: '127.0.0.1', port: 6379 } });
    postgresProxy = await startTcpProxy({ target: { host: '127.0.0.1', port: 5432 } });
    system = await startTestSystem({
      label: 'faults',
      kafkaBrokers: kafka.brokers,
      postgresAddress: postgresProxy.address,
      redisAddress: redisProxy.address,
      logLevel: 'warn',
    });
    watcher = new TopicWatcher(kafka.brokers);
    await watcher.start([Topics.eventsResolved.name, Topics.recommendations.name, Topics.deadLetter.name]);
    ingest = new IngestClient(system.urls.ingest);
  }, 240_000);

  afterAll(async () => {
    await watcher?.stop();
    await system?.stop();
    await redisProxy?.stop();
    await postgresProxy?.stop();
    await kafka?.dispose();
  });

  const resolvedFor = (messageId: string) =>
    watcher.waitFor<ResolvedEvent>(Topics.eventsResolved.name, (e) => e.event.messageId === messageId, 30_000, `resolution of ${messageId}`);

  const stopsFor = (shoppers: readonly Shopper[], timeoutMs: number) => jacketRetargetingStops(watcher, shoppers, timeoutMs, () => system.serviceWarnings());

  /** Polls a service's readiness until its Kafka probe reports a consumer waiting on `topic`. */
  const waitingReported = (url: string, topic: string) =>
    until(async () => {
      const answer = await readiness(url);
      const kafkaProbe = answer.body.details?.['kafka'];
      return answer.status === 503 && kafkaProbe?.status === 'down' && kafkaProbe.reason?.includes(`${topic}[`) ? kafkaProbe : undefined;
    }, `readiness naming a consumer waiting on ${topic}`);

  it('dead-letters undecodable and schema-breaking raw events while the good ones around them flow', async () => {
    const anonymousId = `anon-poison-${randomUUID().slice(0, 8)}`;
    const before = await ingest.track({ anonymousId }, 'Product Viewed', JACKET);
    await resolvedFor(before);
    // Raw events are keyed by anonymousId: the poison lands on the good events' partition.
    const producer = kafka.kafka.producer();
    await producer.connect();
    await producer.send({
      topic: Topics.eventsRaw.name,
      acks: -1,
      messages: [
        { key: anonymousId, value: '{"type":"track", not json' },
        { key: anonymousId, value: JSON.stringify({ type: 'track', anonymousId, event: 'Product Viewed' }) },
      ],
    });
    await producer.disconnect();
    const after = await ingest.track({ anonymousId }, 'Product Viewed', { ...JACKET, variant: 'after' });
    await resolvedFor(after);

    const letters = await until(async () => {
      const found = watcher
        .all<DeadLetter>(Topics.deadLetter.name, (l) => l.source.topic === Topics.eventsRaw.name && Buffer.from(l.key ?? '', 'base64').toString() === anonymousId)
        .map((observed) => observed.value);
      return found.length >= 2 ? found : undefined;
    }, 'two dead letters');
    expect(letters.map((l) => l.errorCode).sort()).toEqual(['TP_CONSUMER_SCHEMA_MISMATCH', 'TP_CONSUMER_UNDECODABLE']);
    expect(letters.every((l) => l.consumerGroup === 'touchpoint-identity')).toBe(true);
    expect(Buffer.from(letters.find((l) => l.errorCode === 'TP_CONSUMER_UNDECODABLE')?.value ?? '', 'base64').toString()).toBe('{"type":"track", not json');
    // Operations sees them by code on identity's /metrics.
    const metrics = await (await fetch(`${system.urls.identity}/metrics`)).text();
    for (const code of ['TP_CONSUMER_SCHEMA_MISMATCH', 'TP_CONSUMER_UNDECODABLE']) {
      expect(metrics).toMatch(new RegExp(`^touchpoint_kafka_dead_letters_total\\{[^}]*code="${code}"[^}]*\\} [1-9]`, 'm'));
    }
  }, 60_000);

  it(`keeps deciding through Redis being away for ${CUT_MS / 1000} s: Redis only caches, so every retargeting stops during the cut and nothing is dead-lettered`, async () => {
    const shoppers = await shoppersWithCarts(ingest, watcher, SHOPPERS, 'redis');
    const deadLettersBefore = watcher.all<DeadLetter>(Topics.deadLetter.name).length;

    await redisProxy.cut();
    try {
      // Ingest publishes without its de-duplication ledger, identity and journey read past their caches,
      // and recommendation keeps what it told in Postgres: nothing waits on Redis.
      for (const [i, shopper] of shoppers.entries()) await buyJacketInStore(ingest, shopper, `redis-cut-${shopper.loyaltyId}-${i}`);
      const stops = await stopsFor(shoppers, 60_000);
      expect(stops.every((stop) => stop.value.type === 'retargeting.stopped' && stop.value.reason === 'purchased_in_store')).toBe(true);
      expect((await readiness(system.urls.recommendation)).status).toBe(200);
      const journey = await readiness(system.urls.journey);
      expect(journey.status).toBe(200);
      // Journey reports its read cache gone without leaving rotation for it.
      expect(journey.body.details?.['redis']).toMatchObject({ status: 'down', critical: false });
    } finally {
      await redisProxy.restore();
    }
    expect(watcher.all<DeadLetter>(Topics.deadLetter.name).slice(deadLettersBefore)).toEqual([]);
    expect(system.lines.filter((line) => line.startsWith('recommendation:') && line.includes('waits on a dependency'))).toEqual([]);
  }, 180_000);

  it('keeps deciding through a Redis that accepts connections but never answers: cache commands time out and are read past', async () => {
    const shoppers = await shoppersWithCarts(ingest, watcher, SHOPPERS, 'blackhole');
    const deadLettersBefore = watcher.all<DeadLetter>(Topics.deadLetter.name).length;

    await redisProxy.cut('hold');
    try {
      for (const [i, shopper] of shoppers.entries()) await buyJacketInStore(ingest, shopper, `blackhole-${shopper.loyaltyId}-${i}`);
      const stops = await stopsFor(shoppers, 90_000);
      expect(stops.every((stop) => stop.value.type === 'retargeting.stopped' && stop.value.reason === 'purchased_in_store')).toBe(true);
    } finally {
      await redisProxy.restore();
    }
    expect(watcher.all<DeadLetter>(Topics.deadLetter.name).slice(deadLettersBefore)).toEqual([]);
    await until(async () => ((await readiness(system.urls.recommendation)).status === 200 ? true : undefined), 'recommendation ready');
  }, 180_000);

  it(`waits out Postgres being away from identity and journey for ${CUT_MS / 1000} s with store purchases in flight: nothing dead-lettered, every retargeting stopped`, async () => {
    const shoppers = await shoppersWithCarts(ingest, watcher, SHOPPERS, 'postgres');
    const deadLettersBefore = watcher.all<DeadLetter>(Topics.deadLetter.name).length;

    await postgresProxy.cut();
    const cutAt = Date.now();
    for (const [i, shopper] of shoppers.entries()) await buyJacketInStore(ingest, shopper, `pg-cut-${shopper.loyaltyId}-${i}`);
    const waiting = await waitingReported(system.urls.identity, Topics.eventsRaw.name);
    expect(JSON.stringify(waiting.details)).toMatch(/ECONNREFUSED|Connection terminated/);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, CUT_MS - (Date.now() - cutAt))));
    await postgresProxy.restore();

    const stops = await stopsFor(shoppers, 60_000);
    expect(stops.every((stop) => stop.value.type === 'retargeting.stopped' && stop.value.reason === 'purchased_in_store')).toBe(true);
    expect(watcher.all<DeadLetter>(Topics.deadLetter.name).slice(deadLettersBefore)).toEqual([]);
    await until(async () => ((await readiness(system.urls.identity)).status === 200 ? true : undefined), 'identity ready again');
  }, 180_000);
});
