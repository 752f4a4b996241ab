import { randomUUID } from 'node:crypto';
import { EventPublisher } from '@touchpoint/kafka';
import { startTestKafka, type TestKafka, testKafkaKind } from '@touchpoint/kafka-testing';
import { deriveJourney } from '@touchpoint/journey-model';
import type { TestDatabase } from '@touchpoint/persistence';
import { testDefinitions } from '../testing/test-definitions';
import { type JourneyDocument, journeyDocumentOf } from '../journey-record/journey-document';
import { JourneyTables } from '../testing/journey-tables';
import { createJourneyDatabase, eventually, getJson, type JourneyInstance, JourneyTopics, startJourney } from '../testing/journey-under-test';
import { cleanVerdict, recordVerdict } from '../testing/record-verdict';
import { releaseAll } from '../testing/release-all';
import { type ScratchRedis, startScratchRedis } from '../testing/scratch-redis';
import { inParts, MARKER_PRODUCT, shopperStream } from '../testing/shopper-stream';
import { foldOfEvents, readTopicHistory } from '../testing/told-versus-fold';

jest.setTimeout(120_000);

const definitions = testDefinitions();
const MINUTE = 60_000;

describe(`journey with its Redis flushed mid-stream (${testKafkaKind()}, Postgres, a Redis of the spec's own)`, () => {
  let kafka: TestKafka | undefined;
  let redis: ScratchRedis | undefined;
  let database: TestDatabase | undefined;
  let tables: JourneyTables | undefined;
  let journey: JourneyInstance | undefined;
  let topics: JourneyTopics | undefined;

  beforeAll(async () => {
    kafka = await startTestKafka();
    redis = await startScratchRedis();
    database = await createJourneyDatabase('flushed');
    tables = await JourneyTables.connect(database.url);
    const keyPrefix = `tp-test-journey-flushed-${randomUUID()}:`;
    journey = await startJourney({ brokers: kafka.address, databaseUrl: database.url, redisUrl: redis.url, keyPrefix });
    topics = new JourneyTopics(journey.app.get(EventPublisher), kafka.address, keyPrefix);
    await topics.start();
  }, 120_000);

  afterAll(() =>
    releaseAll([
      () => topics?.stop(),
      () => journey?.stop(),
      () => tables?.close(),
      () => database?.drop(),
      () => redis?.stop(),
      () => kafka?.dispose(),
    ]),
  );

  it('changes no state and no transition: every profile ends on the fold of its events, and HTTP answers the Postgres document', async () => {
    if (!kafka || !redis || !tables || !journey || !topics) throw new Error('setup failed');
    const [cache, log, said, url] = [redis.client, tables, topics, journey.url];
    const journeyOf = (profileId: string) => getJson<JourneyDocument>(`${url}/v1/profiles/${profileId}/journey`);

    const stream = shopperStream({ profiles: 60, eventsPerProfile: 40, seed: 2, startAt: Date.now() - 10 * MINUTE });
    const parts = inParts(stream.events, 8);
    let flushes = 0;
    for (const [index, part] of parts.entries()) {
      // The previous part is in, this one is being consumed while the cache is read and flushed.
      if (index > 0) await eventually(() => log.hasEntries(parts[index - 1].map((r) => r.event.messageId)), Boolean, `part ${index - 1} applied`);
      await said.resolved(part);
      const answers = await Promise.all(stream.profileIds.map(journeyOf));
      expect(answers.filter((answer) => answer.status !== 200 && answer.status !== 404)).toEqual([]);
      if (index % 2 === 1) {
        // Not vacuous: the journey's documents are in this Redis when it is flushed.
        expect(await cache.dbsize()).toBeGreaterThan(0);
        await cache.flushall();
        flushes++;
      }
    }
    expect(flushes).toBeGreaterThanOrEqual(3);

    await said.resolved(stream.markers);
    await eventually(
      () => Promise.resolve(said.toldAbout(MARKER_PRODUCT, stream.profileIds).size),
      (told) => told === stream.profileIds.length,
      "every profile's marker told",
      60_000,
    );

    const history = await readTopicHistory(kafka.kafka);
    expect(await recordVerdict(stream.profileIds, log, history, definitions)).toEqual(cleanVerdict);

    // Each document read twice (the second answer from what the first left in the cache), then once more after a flush.
    const stored = new Map((await log.profiles()).map((row) => [row.profileId, row]));
    for (const pass of ['first read', 'read again', 'after a flush']) {
      if (pass === 'after a flush') await cache.flushall();
      for (const profileId of stream.profileIds) {
        const row = stored.get(profileId);
        if (!row?.state || !row.view) throw new Error(`${profileId} has no state of record`);
        const derived = deriveJourney(foldOfEvents(profileId, history.events.get(profileId) ?? [], definitions), definitions);
        const answer = await journeyOf(profileId);
        expect({ pass, profileId, status: answer.status, document: answer.body }).toEqual({
          pass,
          profileId,
          status: 200,
          document: journeyDocumentOf(row.state, row.view, row.revision, row.nextDueAt),
        });
        expect({ summary: answer.body.summary, products: answer.body.products }).toEqual(derived);
      }
    }
  });
});
