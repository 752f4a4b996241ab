import { randomUUID } from 'node:crypto';
import { type DeadLetter, Topics } from '@touchpoint/contracts';
import { poisonConsumerEnv, poisonRecords, poisonOutcome, producePoison, startTestKafka, type TestKafka, testKafkaKind } from '@touchpoint/kafka-testing';
import type { TestDatabase } from '@touchpoint/persistence';
import type { Admin, Consumer, Producer } from 'kafkajs';
import { merge, resolved, viewed } from '../testing/events';
import { createJourneyDatabase, type JourneyInstance, startJourney } from '../testing/journey-under-test';
import { DELETIONS_GROUP, MERGES_GROUP, RESOLVED_EVENTS_GROUP, UNMERGES_GROUP } from './journey.message.controller';

jest.setTimeout(90_000);

describe(`journey dead-letters poison on every topic it consumes and moves on (${testKafkaKind()}, Postgres)`, () => {
  let kafka: TestKafka;
  let database: TestDatabase;
  let journey: JourneyInstance;
  let producer: Producer;
  let admin: Admin;
  let reader: Consumer;
  const deadLetters: DeadLetter[] = [];

  beforeAll(async () => {
    kafka = await startTestKafka();
    database = await createJourneyDatabase('poison');
    journey = await startJourney({ brokers: kafka.brokers.join(','), databaseUrl: database.url, keyPrefix: `tp-journey-poison-${randomUUID()}:`, env: poisonConsumerEnv });
    producer = kafka.kafka.producer();
    await producer.connect();
    admin = kafka.kafka.admin();
    await admin.connect();
    reader = kafka.kafka.consumer({ groupId: `poison-reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await reader.connect();
    await reader.subscribe({ topic: Topics.deadLetter.name, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void deadLetters.push(Topics.deadLetter.schema.parse(JSON.parse(String(message.value)))) });
  });

  afterAll(async () => {
    await reader?.disconnect();
    await admin?.disconnect();
    await producer?.disconnect();
    await journey?.stop();
    await database?.drop();
    await kafka?.dispose();
  });

  const profileId = randomUUID();
  const goodValues = () => ({
    [Topics.eventsResolved.name]: { group: RESOLVED_EVENTS_GROUP, value: resolved(profileId, viewed(`poison-${randomUUID()}`, 'jacket-1', Date.now() - 60_000)) },
    [Topics.identityMerged.name]: { group: MERGES_GROUP, value: merge(`poison-merge-${randomUUID()}`, profileId, [randomUUID()], Date.now() - 30_000) },
    [Topics.identityUnmerged.name]: {
      group: UNMERGES_GROUP,
      value: {
        unmergeId: `unmerge:poison-${randomUUID()}`,
        mergeId: `poison-never-merged-${randomUUID()}`,
        survivorProfileId: profileId,
        restoredProfileId: randomUUID(),
        restoredMergedProfileIds: [],
        restoredIdentifiers: [],
        linkedBy: { type: 'loyaltyId', value: 'L-POISON' },
        causedByMessageId: `poison-cause-${randomUUID()}`,
        causedByProfileId: randomUUID(),
        unmergedAt: new Date().toISOString(),
      },
    },
    [Topics.profileDeleted.name]: { group: DELETIONS_GROUP, value: { deletionId: randomUUID(), profileId: randomUUID(), mergedProfileIds: [], deletedAt: new Date().toISOString() } },
  });

  it.each([Topics.eventsResolved.name, Topics.identityMerged.name, Topics.identityUnmerged.name, Topics.profileDeleted.name])(
    '%s: each poison record is dead-lettered with its code and the good record after them is processed',
    async (topic) => {
      const { group, value: good } = goodValues()[topic];
      const poison = poisonRecords(good);
      // One key, so one partition, in this order: the good record is last.
      const positions = await producePoison(producer, topic, profileId, poison, JSON.stringify(good));

      const outcome = await poisonOutcome({ admin, group, topic, poison, positions, deadLetters });
      expect(outcome.actual).toEqual(outcome.expected);
      expect(outcome.goodRecordLettered).toBe(false);
    },
  );
});
