import { randomUUID } from 'node:crypto';
import type { ServiceName } from '@touchpoint/config';
import { type ProfilesMerged, type ResolvedEvent, Topics } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import { HARNESS_READ_TOKEN, IngestClient, playCustomerStory, serviceNames, startTestSystem, type TestSystem, TopicWatcher } from '@touchpoint/system-harness';
import { declares, labelValues, parseSamples, type Sample, sumOf } from './support/prometheus-text';

/** What each service reads and writes in the story, by topic. */
const flows: Record<ServiceName, { readonly consumes: readonly string[]; readonly publishes: readonly string[] }> = {
  ingest: { consumes: [], publishes: [Topics.eventsRaw.name] },
  identity: { consumes: [Topics.eventsRaw.name], publishes: [Topics.eventsResolved.name, Topics.identityMerged.name] },
  journey: { consumes: [Topics.eventsResolved.name, Topics.identityMerged.name], publishes: [Topics.journeyTransitions.name] },
  recommendation: { consumes: [Topics.journeyTransitions.name], publishes: [Topics.recommendations.name] },
};

/** The cache each service counts, and whether the story makes it answer at least once. */
const caches: Partial<Record<ServiceName, string>> = { ingest: 'ingest_dedupe', identity: 'identity_identifiers', journey: 'journey_documents' };

// After the customer story (plus a second device that merges into her profile and two reads of
// her journey), every service's /metrics has the families operations relies on, with samples
// where the story did the work: in and out per topic, processing time, lag, dead letters, waiting
// partitions, cache lookups, merges and the purchase-to-suppression latency.
describe('metrics during the system test', () => {
  let kafka: TestKafka;
  let system: TestSystem;
  let watcher: TopicWatcher;
  let ingest: IngestClient;

  beforeAll(async () => {
    kafka = await startTestKafka({ defaultPartitions: 3 });
    system = await startTestSystem({ label: 'metrics', kafkaBrokers: kafka.brokers, logLevel: 'warn' });
    watcher = new TopicWatcher(system.kafkaBrokers);
    await watcher.start([Topics.eventsResolved.name, Topics.identityMerged.name, Topics.journeyTransitions.name, Topics.recommendations.name]);
    ingest = new IngestClient(system.urls.ingest);
  }, 180_000);

  afterAll(async () => {
    await watcher?.stop();
    await system?.stop();
    await kafka?.dispose();
  });

  async function scrape(name: ServiceName): Promise<{ text: string; samples: Sample[] }> {
    const response = await fetch(`${system.urls[name]}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    return { text, samples: parseSamples(text) };
  }

  /** Scrapes until `ready` holds: counters of work just published by another service trail by a commit. */
  async function scrapeUntil(name: ServiceName, ready: (samples: Sample[]) => boolean, timeoutMs = 20_000): Promise<{ text: string; samples: Sample[] }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const scraped = await scrape(name);
      if (ready(scraped.samples) || Date.now() > deadline) return scraped;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('shows events in and out per topic, latencies, lag, dead letters, waiting, caches, merges and suppression latency', async () => {
    const outcome = await playCustomerStory({ name: 'mira', buys: 'store', returnsInStore: false }, ingest, watcher, () => undefined).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${system.serviceWarnings(30)}`);
    });

    // A second device: its own profile first, then the login that merges it into hers.
    const resolvedOf = (messageId: string) => watcher.waitFor<ResolvedEvent>(Topics.eventsResolved.name, (e) => e.event.messageId === messageId, 20_000, `resolution of ${messageId}`);
    const userId = (await resolvedOf(await ingest.track({ anonymousId: outcome.anonymousId }, 'Product Viewed', { product_id: 'gloves-7' }))).value.identifiers.find(
      (identifier) => identifier.type === 'userId',
    )?.value;
    expect(userId).toBeDefined();
    const phone = `anon-phone-${randomUUID().slice(0, 8)}`;
    const other = (await resolvedOf(await ingest.track({ anonymousId: phone }, 'Product Viewed', { product_id: 'boots-11' }))).value.profileId;
    expect(other).not.toBe(outcome.profileId);
    await ingest.identify({ anonymousId: phone, userId: userId as string }, {});
    await watcher.waitFor<ProfilesMerged>(Topics.identityMerged.name, (merge) => merge.mergedProfileIds.includes(other), 20_000, `the merge of ${other}`);

    // Once journey applied the merge and caught up, nothing invalidates her journey document:
    // of two reads the second is answered from the cache. Two lookups of her login likewise.
    await scrapeUntil('journey', (s) => sumOf(s, 'touchpoint_journey_merges_applied_total', { kind: 'merge' }) > 0 && sumOf(s, 'touchpoint_kafka_consumer_lag') === 0);
    const read = (url: string) => fetch(url, { headers: { authorization: `Bearer ${HARNESS_READ_TOKEN}` } });
    for (let i = 0; i < 2; i += 1) {
      expect((await read(`${system.urls.journey}/v1/profiles/${outcome.profileId}/journey`)).status).toBe(200);
      expect((await read(`${system.urls.identity}/v1/profiles/lookup?type=userId&value=${encodeURIComponent(userId as string)}`)).status).toBe(200);
    }

    const missing: string[] = [];
    const expect_ = (ok: boolean, what: string): void => {
      if (!ok) missing.push(what);
    };
    for (const name of serviceNames) {
      const { consumes, publishes } = flows[name];
      const { text, samples } = await scrapeUntil(
        name,
        (s) =>
          consumes.every((topic) => sumOf(s, 'touchpoint_kafka_messages_consumed_total', { topic }) > 0) &&
          (name !== 'journey' || sumOf(s, 'touchpoint_journey_merges_applied_total', { kind: 'merge' }) > 0),
      );
      for (const topic of publishes) expect_(sumOf(samples, 'touchpoint_kafka_messages_published_total', { topic }) > 0, `${name}: messages published to ${topic}`);
      for (const topic of consumes) {
        expect_(sumOf(samples, 'touchpoint_kafka_messages_consumed_total', { topic }) > 0, `${name}: messages consumed from ${topic}`);
        expect_(sumOf(samples, 'touchpoint_kafka_processing_seconds_count', { topic }) > 0, `${name}: processing histogram of ${topic}`);
        expect_(labelValues(samples, 'touchpoint_kafka_consumer_lag', 'topic').includes(topic), `${name}: lag of ${topic}`);
      }
      if (consumes.length > 0) {
        expect_(declares(text, 'touchpoint_kafka_dead_letters_total'), `${name}: dead letters family`);
        // A gauge read at scrape time: declared always, a series only per waiting topic and group.
        expect_(declares(text, 'touchpoint_kafka_partitions_waiting'), `${name}: waiting partitions gauge`);
        expect_(sumOf(samples, 'touchpoint_kafka_partitions_waiting') === 0, `${name}: nothing waits`);
      }
      const cache = caches[name];
      if (cache !== undefined) {
        expect_(sumOf(samples, 'touchpoint_cache_requests_total', { cache }) > 0, `${name}: requests of cache ${cache}`);
        expect_(labelValues(samples, 'touchpoint_cache_requests_total', 'result').join(',') === 'error,hit,miss', `${name}: every result of cache ${cache}`);
      }
      if (name === 'identity') {
        expect_(sumOf(samples, 'touchpoint_identity_merges_total', { reason: 'userId' }) > 0, 'identity: merges by userId');
        expect_(declares(text, 'touchpoint_identity_merge_refusals_total'), 'identity: merge refusals family');
        expect_(samples.some((sample) => sample.name === 'touchpoint_identity_unmerges_total'), 'identity: unmerges counter');
        expect_(sumOf(samples, 'touchpoint_cache_requests_total', { cache: 'identity_identifiers', result: 'hit' }) > 0, 'identity: identifier cache hits');
      }
      if (name === 'journey') {
        expect_(sumOf(samples, 'touchpoint_journey_merges_applied_total', { kind: 'merge' }) > 0, 'journey: merges applied');
        expect_(sumOf(samples, 'touchpoint_cache_requests_total', { cache: 'journey_documents', result: 'hit' }) > 0, 'journey: a read answered from the cache');
      }
      if (name === 'recommendation') {
        expect_(sumOf(samples, 'touchpoint_suppression_latency_seconds_count', { reason: 'purchased_in_store' }) > 0, 'recommendation: store purchase to suppression histogram');
      }
      expect_(samples.every((sample) => sample.labels['service'] === name), `${name}: every series labelled service=${name}`);
    }
    expect(missing).toEqual([]);
  });

  it("reports journey's Redis read cache on readiness as non-critical", async () => {
    const response = await fetch(`${system.urls.journey}/health/ready`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { details: Record<string, { status: string; critical?: boolean }> };
    expect(body.details).toMatchObject({ kafka: { status: 'up' }, postgres: { status: 'up' }, redis: { status: 'up', critical: false } });
  });
});
