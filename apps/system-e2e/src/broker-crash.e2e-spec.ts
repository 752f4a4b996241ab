import { randomUUID } from 'node:crypto';
import { type DeadLetter, Topics } from '@touchpoint/contracts';
import { type CrashableKafka, startCrashableKafka, testKafkaKind } from '@touchpoint/kafka-testing';
import { buyJacketInStore, IngestClient, jacketRetargetingStops, type Shopper, shoppersWithCarts, startTestSystem, type TestSystem, TopicWatcher } from '@touchpoint/system-harness';

const CUSTOMERS = 12;

/** Sends until ingest accepts, as an SDK retries a 503: while the broker is down nothing is accepted, and nothing accepted may be lost. */
async function untilAccepted(send: () => Promise<unknown>, onRefused: () => void, timeoutMs = 90_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (let refusals = 0; ; refusals++) {
    try {
      await send();
      return refusals;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      onRefused();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

// The broker process dies by SIGKILL while store purchases flow, and comes back on the same
// port and data. Every purchase ingest acknowledged must still stop its retargeting.
describe(`a ${testKafkaKind()} killed with -9 mid-stream`, () => {
  let kafka: CrashableKafka;
  let system: TestSystem;
  let watcher: TopicWatcher;
  let ingest: IngestClient;

  beforeAll(async () => {
    kafka = await startCrashableKafka(testKafkaKind());
    system = await startTestSystem({ label: 'crash', kafkaBrokers: kafka.brokers, logLevel: 'warn' });
    watcher = new TopicWatcher(kafka.brokers);
    await watcher.start([Topics.eventsResolved.name, Topics.recommendations.name, Topics.deadLetter.name]);
    ingest = new IngestClient(system.urls.ingest);
  }, 240_000);

  afterAll(async () => {
    await watcher?.stop();
    await system?.stop();
    await kafka?.stop();
  });

  it('loses no acknowledged store purchase: every one stops its retargeting, and nothing is dead-lettered', async () => {
    // Before the crash: each shopper carts the jacket online, links a loyalty card and is retargeted.
    const shoppers = await shoppersWithCarts(ingest, watcher, CUSTOMERS, 'crash');
    const run = randomUUID().slice(0, 8);

    // The purchases: a third before the crash, then the rest while the broker is dead and after it is back.
    let refusals = 0;
    // The broker comes back only once ingest has refused a purchase for want of it, so the
    // outage is certain to fall inside the stream whatever the machine's speed.
    let brokerDown = false;
    let restarted: Promise<void> = Promise.resolve();
    const restartOnce = (): void => {
      if (!brokerDown) return;
      brokerDown = false;
      restarted = kafka.restart();
    };
    const purchase = (shopper: Shopper, i: number) => untilAccepted(() => buyJacketInStore(ingest, shopper, `crash-${run}-${i}`), restartOnce);
    const firstThird = Math.floor(CUSTOMERS / 3);
    for (let i = 0; i < firstThird; i++) refusals += await purchase(shoppers[i] as Shopper, i);
    await kafka.kill();
    brokerDown = true;
    for (let i = firstThird; i < CUSTOMERS; i++) refusals += await purchase(shoppers[i] as Shopper, i);
    await restarted;
    expect(refusals).toBeGreaterThan(0);

    const stops = await jacketRetargetingStops(watcher, shoppers, 90_000, () => system.serviceWarnings());
    expect(stops).toHaveLength(CUSTOMERS);
    expect(stops.every((stop) => stop.value.type === 'retargeting.stopped' && stop.value.reason === 'purchased_in_store')).toBe(true);
    // The stops are the later marker: any dead letter from the crash would have come before them.
    expect(watcher.all<DeadLetter>(Topics.deadLetter.name)).toEqual([]);
  }, 300_000);
});
