import { randomUUID } from 'node:crypto';
import { type DeadLetter, Topics } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka, testKafkaKind, waitFor } from '@touchpoint/kafka-testing';
import type { TestDatabase } from '@touchpoint/persistence';
import type { Admin, Consumer, Producer } from 'kafkajs';
import { merge, resolved, viewed } from '../testing/events';
import { createJourneyDatabase, type JourneyInstance, startJourney } from '../testing/journey-under-test';
import { DELETIONS_GROUP, MERGES_GROUP, RESOLVED_EVENTS_GROUP, UNMERGES_GROUP } from './journey.message.controller';

jest.setTimeout(90_000);

/** Records no consumer can use, each with the code its dead letter must carry (null: applied or dead-lettered, never blocking). */
function poisonRecords(good: object): { readonly label: string; readonly value: Buffer | null; readonly code: string | null }[] {
  const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
  return [
    { label: 'invalid JSON', value: Buffer.from('{"profileId": "not closed'), code: 'TP_CONSUMER_UNDECODABLE' },
    { label: 'not UTF-8', value: Buffer.from([0xff, 0xfe, 0x00, 0x7b]), code: 'TP_CONSUMER_UNDECODABLE' },
    { label: 'empty value', value: null, code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
    { label: 'schema violation', value: json({ hello: 'world' }), code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
    { label: 'wrong type in a field', value: json(Object.fromEntries(Object.keys(good).map((key) => [key, 42]))), code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
    // A later version of the schema, with its fields moved under an envelope.
    { label: 'wrong version', value: json({ version: 2, data: good }), code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
    { label: 'oversized, invalid', value: json({ padding: 'x'.repeat(300 * 1024) }), code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
    // Schemas strip unknown fields, so this one is valid: it must not block, whatever becomes of it.
    { label: 'oversized, valid', value: json({ ...good, padding: 'x'.repeat(300 * 1024) }), code: null },
  ];
}

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
    journey = await startJourney({ brokers: kafka.brokers.join(','), databaseUrl: database.url, keyPrefix: `tp-journey-poison-${randomUUID()}:` });
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
      const key = profileId;
      // One key, so one partition, in this order: the good record is last.
      const [sent] = await producer.send({ topic, acks: -1, messages: [...poison.map(({ value }) => ({ key, value })), { key, value: JSON.stringify(good) }] });
      const first = Number(sent.baseOffset);
      const goodOffset = String(first + poison.length);

      // The group committed past the good record: everything before it was handled or dead-lettered.
      await waitFor(async () => {
        const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
        const committed = offsets.partitions.find((p) => p.partition === sent.partition)?.offset;
        return committed !== undefined && Number(committed) > Number(goodOffset) ? true : undefined;
      }, `${group} committed past ${topic}[${sent.partition}]@${goodOffset}`, 60_000);

      const ours = (offset: string) => deadLetters.find((letter) => letter.source.topic === topic && letter.source.partition === sent.partition && letter.source.offset === offset);
      await waitFor(() => (poison.every((p, index) => p.code === null || ours(String(first + index))) ? true : undefined), `dead letters of ${topic}`);
      const verdicts = poison.map((p, index) => {
        const letter = ours(String(first + index));
        return { label: p.label, code: letter?.errorCode ?? null, bytesKept: letter ? letter.value === (p.value ? p.value.toString('base64') : null) : null, group: letter?.consumerGroup ?? group };
      });
      expect(verdicts.filter((v) => v.code !== null)).toEqual(poison.filter((p) => p.code !== null).map((p) => ({ label: p.label, code: p.code, bytesKept: true, group })));
      expect(ours(goodOffset)).toBeUndefined();
    },
  );
});
