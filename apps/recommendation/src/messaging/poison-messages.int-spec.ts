import { randomUUID } from 'node:crypto';
import { type DeadLetter, type RecommendationMessage, type ResolvedEvent, segmentMessageSchema, Topics } from '@touchpoint/contracts';
import { poisonConsumerEnv, poisonRecords, poisonOutcome, producePoison, testKafkaKind, waitFor } from '@touchpoint/kafka-testing';
import type { Admin, Consumer, Producer } from 'kafkajs';
import { Client } from 'pg';
import { DELETIONS_GROUP } from '../forget-profile/forget-profile.message.controller';
import { boughtInStore } from '../testing/journey-view';
import { recommendationSuite } from '../testing/recommendation-suite';
import { changed } from '../testing/transitions';
import { SIGNALS_GROUP } from './resolved-events.message.controller';
import { TRANSITIONS_GROUP } from './transitions.message.controller';

jest.setTimeout(90_000);

const order = (profileId: string, products: readonly string[]): ResolvedEvent => ({
  profileId,
  identifiers: [],
  event: segmentMessageSchema.parse({
    type: 'track',
    messageId: randomUUID(),
    anonymousId: `anon-${profileId}`,
    event: 'Order Completed',
    properties: { order_id: randomUUID(), products: products.map((product_id) => ({ product_id, price: 10, quantity: 1 })) },
    context: { channel: 'web' },
    timestamp: new Date().toISOString(),
    receivedAt: new Date().toISOString(),
  }),
});

/** One consumer group of recommendation, a valid value of its topic, and how to tell that value was applied. */
interface Case {
  readonly group: string;
  readonly profileId: string;
  readonly good: object;
  readonly applied: () => Promise<unknown>;
}

describe(`recommendation dead-letters poison on every topic it consumes and moves on (${testKafkaKind()}, Postgres)`, () => {
  let sql: Client | null = null;
  let producer: Producer;
  let admin: Admin;
  let reader: Consumer;
  const deadLetters: DeadLetter[] = [];
  // Declared before the suite: jest runs this teardown first, so nothing is left on the broker or database it drops.
  afterAll(async () => {
    await reader?.disconnect();
    await admin?.disconnect();
    await producer?.disconnect();
    await sql?.end();
  });
  const suite = recommendationSuite('poison', { env: { ...poisonConsumerEnv } });

  beforeAll(async () => {
    const { kafka } = suite.broker;
    producer = kafka.producer();
    await producer.connect();
    admin = kafka.admin();
    await admin.connect();
    reader = kafka.consumer({ groupId: `poison-reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await reader.connect();
    await reader.subscribe({ topic: Topics.deadLetter.name, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void deadLetters.push(Topics.deadLetter.schema.parse(JSON.parse(String(message.value)))) });
  });

  const pairCounted = async (a: string, b: string): Promise<true | undefined> => {
    if (sql === null) {
      sql = new Client({ connectionString: suite.database.url });
      await sql.connect();
    }
    const { rows } = await sql.query("SELECT 1 FROM recommendation_signal_pairs WHERE kind = 'bought_together' AND product_id = $1 AND other_id = $2", [a, b]);
    return rows.length > 0 ? true : undefined;
  };

  const cases: Record<string, () => Case> = {
    [Topics.journeyTransitions.name]: () => {
      const profileId = randomUUID();
      return {
        group: TRANSITIONS_GROUP,
        profileId,
        good: changed(profileId, `poison-sale-${profileId}`, { 'jacket-42': boughtInStore(new Date().toISOString()) }),
        applied: () => suite.watcher.waitFor<RecommendationMessage>(Topics.recommendations.name, (m) => m.profileId === profileId, 30_000, `a decision for ${profileId}`),
      };
    },
    [Topics.eventsResolved.name]: () => {
      const profileId = randomUUID();
      const [a, b] = [`poison-a-${randomUUID()}`, `poison-b-${randomUUID()}`];
      return { group: SIGNALS_GROUP, profileId, good: order(profileId, [a, b]), applied: () => waitFor(() => pairCounted(a, b), `${a} and ${b} counted as bought together`, 30_000) };
    },
    [Topics.profileDeleted.name]: () => {
      const profileId = randomUUID();
      // Forgetting a profile recommendation never saw leaves nothing to look at: the commit past it is the evidence.
      return { group: DELETIONS_GROUP, profileId, good: { deletionId: randomUUID(), profileId, mergedProfileIds: [], deletedAt: new Date().toISOString() }, applied: () => Promise.resolve() };
    },
  };

  it.each(Object.keys(cases))('%s: each poison record is dead-lettered with its code and the good record after them is applied', async (topic) => {
    const { group, profileId, good, applied } = cases[topic]();
    const poison = poisonRecords(good);
    const positions = await producePoison(producer, topic, profileId, poison, JSON.stringify(good));

    await applied();
    const outcome = await poisonOutcome({ admin, group, topic, poison, positions, deadLetters });
    expect(outcome.actual).toEqual(outcome.expected);
    expect(outcome.goodRecordLettered).toBe(false);
  });
});
