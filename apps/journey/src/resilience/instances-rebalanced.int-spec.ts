import { randomUUID } from 'node:crypto';
import { Topics } from '@touchpoint/contracts';
import { EventPublisher } from '@touchpoint/kafka';
import { startTestKafka, type TestKafka, testKafkaKind } from '@touchpoint/kafka-testing';
import type { TestDatabase } from '@touchpoint/persistence';
import { testDefinitions } from '../testing/test-definitions';
import { RESOLVED_EVENTS_GROUP } from '../messaging/journey.message.controller';
import { groupAssignment, splitAmong } from '../testing/group-assignment';
import { JourneyTables } from '../testing/journey-tables';
import { createJourneyDatabase, eventually, type JourneyInstance, type JourneyOptions, JourneyTopics, startJourney } from '../testing/journey-under-test';
import { cleanVerdict, recordVerdict } from '../testing/record-verdict';
import { releaseAll } from '../testing/release-all';
import { inParts, MARKER_PRODUCT, shopperStream } from '../testing/shopper-stream';
import { readTopicHistory } from '../testing/told-versus-fold';

jest.setTimeout(120_000);

const definitions = testDefinitions();
const MINUTE = 60_000;
const PARTITIONS = 6;

describe(`two journey instances, partitions moving between them mid-stream (${testKafkaKind()}, Postgres)`, () => {
  let kafka: TestKafka | undefined;
  let database: TestDatabase | undefined;
  let tables: JourneyTables | undefined;
  let topics: JourneyTopics | undefined;
  const instances: JourneyInstance[] = [];
  const keyPrefix = `tp-test-journey-rebalanced-${randomUUID()}:`;

  beforeAll(async () => {
    kafka = await startTestKafka();
    database = await createJourneyDatabase('rebalanced');
    tables = await JourneyTables.connect(database.url);
  }, 120_000);

  afterAll(() =>
    releaseAll([
      () => topics?.stop(),
      ...instances.map((instance) => () => instance.stop()),
      () => tables?.close(),
      () => database?.drop(),
      () => kafka?.dispose(),
    ]),
  );

  it('one row per profile, on the fold of its events, whichever instance applied which batch', async () => {
    if (!kafka || !database || !tables) throw new Error('setup failed');
    const [cluster, log] = [kafka.kafka, tables];
    const options: JourneyOptions = {
      brokers: kafka.address,
      databaseUrl: database.url,
      keyPrefix,
      // Enough partitions for both members to own some; small batches so a part takes several commits;
      // a short session so the group settles quickly.
      env: { KAFKA_TOPIC_PARTITIONS: String(PARTITIONS), JOURNEY_MAX_BATCH_SIZE: '25', KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '6000' },
    };
    const first = await startJourney(options);
    instances.push(first);
    const said = new JourneyTopics(first.app.get(EventPublisher), kafka.address, keyPrefix);
    topics = said;
    await said.start();
    const owners = () => groupAssignment(cluster, RESOLVED_EVENTS_GROUP, Topics.eventsResolved.name);

    const stream = shopperStream({ profiles: 50, eventsPerProfile: 60, seed: 3, startAt: Date.now() - 10 * MINUTE });
    const parts = inParts(stream.events, 10);
    for (const [index, part] of parts.entries()) {
      if (index > 0) await eventually(() => log.hasEntries(parts[index - 1].map((r) => r.event.messageId)), Boolean, `part ${index - 1} applied`);
      await said.resolved(part);
      if (index === 2) {
        // The second instance joins while the first is consuming: the group rebalances.
        instances.push(await startJourney(options));
        await eventually(owners, splitAmong(2), 'the partitions split between the two instances');
      }
      if (index === 6) {
        // Parts 3 to 5 were applied by both; now the second leaves mid-part and its partitions go back to the first.
        const split = await owners();
        expect({ state: split.state, members: split.members.length, idle: split.members.filter((owned) => owned.length === 0).length }).toEqual({ state: 'Stable', members: 2, idle: 0 });
        const second = instances.pop();
        await second?.stop();
        const alone = await eventually(owners, splitAmong(1), 'the first instance owning every partition again');
        expect(alone.members[0]).toEqual([...Array(PARTITIONS).keys()]);
      }
    }

    await said.resolved(stream.markers);
    await eventually(
      () => Promise.resolve(said.toldAbout(MARKER_PRODUCT, stream.profileIds).size),
      (told) => told === stream.profileIds.length,
      "every profile's marker told",
      60_000,
    );

    const history = await readTopicHistory(cluster);
    expect(await recordVerdict(stream.profileIds, log, history, definitions)).toEqual(cleanVerdict);
  });
});
