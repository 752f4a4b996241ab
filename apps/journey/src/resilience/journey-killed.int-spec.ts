import { randomUUID } from 'node:crypto';
import { startTestKafka, type TestKafka, testKafkaKind } from '@touchpoint/kafka-testing';
import type { TestDatabase } from '@touchpoint/persistence';
import { testDefinitions } from '../testing/test-definitions';
import { type JourneyProcess, spawnJourney } from '../testing/journey-process';
import { JourneyTables } from '../testing/journey-tables';
import { createJourneyDatabase, eventually, type JourneyOptions, JourneyTopics } from '../testing/journey-under-test';
import { cleanVerdict, recordVerdict } from '../testing/record-verdict';
import { releaseAll } from '../testing/release-all';
import { inParts, MARKER_PRODUCT, shopperStream } from '../testing/shopper-stream';
import { type StandalonePublisher, standalonePublisher } from '../testing/standalone-publisher';
import { readTopicHistory } from '../testing/told-versus-fold';

jest.setTimeout(120_000);

const definitions = testDefinitions();
const MINUTE = 60_000;

describe(`journey killed with SIGKILL while consuming (${testKafkaKind()}, Postgres)`, () => {
  let kafka: TestKafka | undefined;
  let database: TestDatabase | undefined;
  let tables: JourneyTables | undefined;
  let identity: StandalonePublisher | undefined;
  let topics: JourneyTopics | undefined;
  const journeys: JourneyProcess[] = [];
  const keyPrefix = `tp-test-journey-killed-${randomUUID()}:`;

  beforeAll(async () => {
    kafka = await startTestKafka();
    database = await createJourneyDatabase('killed');
    tables = await JourneyTables.connect(database.url);
    identity = standalonePublisher(kafka.address);
    topics = new JourneyTopics(identity.publisher, kafka.address, keyPrefix);
  }, 120_000);

  afterAll(() =>
    releaseAll([
      ...journeys.map((journey) => () => journey.kill()),
      () => topics?.stop(),
      () => identity?.close(),
      () => tables?.close(),
      () => database?.drop(),
      () => kafka?.dispose(),
    ]),
  );

  it('a journey started after the kill ends where the fold of every event on the topic is, and repeats no transition id with other content', async () => {
    if (!kafka || !database || !tables || !topics) throw new Error('setup failed');
    const [log, said] = [tables, topics];
    const options: JourneyOptions = {
      brokers: kafka.address,
      databaseUrl: database.url,
      keyPrefix,
      // Small batches: many commits, so the kill lands between and within them. A short session
      // lets the group give the killed member's partitions to its successor within seconds.
      env: { JOURNEY_MAX_BATCH_SIZE: '20', KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '6000' },
    };
    const first = await spawnJourney('journey-killed', options);
    journeys.push(first);
    await said.start();

    const stream = shopperStream({ profiles: 50, eventsPerProfile: 60, seed: 1, startAt: Date.now() - 10 * MINUTE });
    const everything = [...stream.events, ...stream.markers];
    const messages = new Set(everything.map((resolved) => resolved.event.messageId)).size;
    for (const part of inParts(everything, 10)) await said.resolved(part);

    await eventually(() => log.entryCount(), (n) => n >= messages / 3, 'a third of the stream applied');
    await first.kill();
    // Not vacuous: the kill left work for the successor.
    expect(await log.entryCount()).toBeLessThan(messages);

    journeys.push(await spawnJourney('journey-restarted', options));
    await eventually(
      () => Promise.resolve(said.toldAbout(MARKER_PRODUCT, stream.profileIds).size),
      (told) => told === stream.profileIds.length,
      "every profile's marker told",
      60_000,
    );

    const history = await readTopicHistory(kafka.kafka);
    expect(await recordVerdict(stream.profileIds, log, history, definitions)).toEqual(cleanVerdict);
  });
});
