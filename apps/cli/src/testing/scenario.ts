import { type DeadLetter, type ProfileDeleted, type ProfilesMerged, type RecommendationMessage, type ResolvedEvent, type SegmentMessage, Topics } from '@touchpoint/contracts';
import { waitFor } from '@touchpoint/kafka-testing';
import type { Kafka } from 'kafkajs';

/**
 * The fixed story the golden specs read: Sanne views and carts the jacket on the web as one
 * profile, links her loyalty card in a store (merging that profile into her store profile),
 * buys the jacket in the store; a second customer browses; a third was erased. Record times
 * are the events' own, so `--from` by time means the same on every run and broker.
 */
export const T0 = Date.parse('2026-11-02T10:00:00.000Z');
const MINUTE = 60_000;
export const at = (minutes: number): number => T0 + minutes * MINUTE;

export const SANNE = '5a2e0000-0000-4000-8000-000000000001';
export const SANNE_WEB = '5a2e0000-0000-4000-8000-000000000002';
export const ERIK = 'e21c0000-0000-4000-8000-000000000003';
export const ERASED = 'e1a5ed00-0000-4000-8000-000000000004';
export const JACKET = 'jacket-42';
export const SCARF = 'scarf-7';

const iso = (time: number): string => new Date(time).toISOString();

function track(messageId: string, anonymousId: string, event: string, properties: Record<string, unknown>, time: number, context: Record<string, unknown> = {}): SegmentMessage {
  return { type: 'track', messageId, anonymousId, event, properties, context: { channel: 'web', ...context }, timestamp: iso(time), receivedAt: iso(time) } as SegmentMessage;
}

const sanneAnon = 'anon-sanne-8c1f';
const viewed = track('m-sanne-1', sanneAnon, 'Product Viewed', { product_id: JACKET, price: 120 }, at(0), { ip: '203.0.113.9' });
const added = track('m-sanne-2', sanneAnon, 'Product Added', { product_id: JACKET, quantity: 1, price: 120 }, at(5));
const scarfViewed = track('m-sanne-3', sanneAnon, 'Product Viewed', { product_id: SCARF, price: 25 }, at(7));
const bought = track(
  'store:store-ams-1:T-1001:order',
  'anon-store-ams-1',
  'Order Completed',
  { order_id: 'T-1001', total: 120, currency: 'EUR', products: [{ product_id: JACKET, quantity: 1, price: 120 }] },
  at(2 * 24 * 60),
  { channel: 'store', storeId: 'store-ams-1', loyaltyId: '5566778899' },
);
const erikViewed = track('m-erik-1', 'anon-erik-3d2a', 'Product Viewed', { product_id: SCARF, price: 25, note: 'mail erik@example.com' }, at(30));
const erasedViewed = track('m-erased-1', 'anon-erased-77', 'Product Viewed', { product_id: JACKET, price: 120 }, at(40));

export const sanneIdentifiers = [
  { type: 'anonymousId', value: sanneAnon },
  { type: 'loyaltyId', value: 'acme:5566778899' },
] as const;

const resolved = (profileId: string, event: SegmentMessage): ResolvedEvent => ({ profileId, identifiers: [], event });

export const scenarioEvents: readonly ResolvedEvent[] = [
  resolved(SANNE_WEB, viewed),
  resolved(SANNE_WEB, added),
  resolved(SANNE_WEB, scarfViewed),
  resolved(ERIK, erikViewed),
  resolved(ERASED, erasedViewed),
  resolved(SANNE, bought),
];

export const scenarioMerge: ProfilesMerged = {
  mergeId: 'merge-sanne-1',
  survivorProfileId: SANNE,
  mergedProfileIds: [SANNE_WEB],
  reason: 'loyaltyId',
  identifiers: [...sanneIdentifiers],
  mergedAt: iso(at(2 * 24 * 60)),
  causedByMessageId: bought.messageId,
};

const recommendation = (message: RecommendationMessage): RecommendationMessage => message;
export const scenarioRecommendations: readonly RecommendationMessage[] = [
  recommendation({ id: 'r-1', type: 'retargeting.started', profileId: SANNE_WEB, productId: JACKET, occurredAt: iso(at(5)), transitionId: 'tr-sanne-web-2', cause: { kind: 'event', id: added.messageId } }),
  recommendation({ id: 'r-2', type: 'retargeting.stopped', profileId: SANNE_WEB, productId: JACKET, reason: 'profile_merged', survivorProfileId: SANNE, occurredAt: iso(at(2 * 24 * 60)), transitionId: 'tr-sanne-web-retired', cause: { kind: 'merge', id: 'merge-sanne-1' } }),
  recommendation({ id: 'r-3', type: 'recommendations.updated', profileId: SANNE, items: [{ productId: SCARF, rank: 1, reason: 'accessory_of_purchase', becauseOf: JACKET }], occurredAt: iso(at(2 * 24 * 60)), transitionId: 'tr-sanne-4', cause: { kind: 'event', id: bought.messageId } }),
];

export const scenarioDeletion: ProfileDeleted = { deletionId: 'd0000000-0000-4000-8000-000000000009', profileId: ERASED, mergedProfileIds: [], deletedAt: iso(at(60)) };

const poison = Buffer.from('{"profileId": "not json', 'utf8');
export const scenarioDeadLetters: readonly DeadLetter[] = [
  {
    errorCode: 'TP_CONSUMER_UNDECODABLE',
    errorMessage: 'Unexpected end of JSON input',
    source: { topic: Topics.eventsResolved.name, partition: 0, offset: '3' },
    consumerGroup: 'journey',
    key: Buffer.from(SANNE, 'utf8').toString('base64'),
    value: poison.toString('base64'),
    headers: { ce_id: 'poison-1' },
    failedAt: iso(at(61)),
  },
  {
    errorCode: 'TP_CONSUMER_SCHEMA_MISMATCH',
    errorMessage: 'event.messageId: Required',
    source: { topic: Topics.eventsRaw.name, partition: 1, offset: '0' },
    consumerGroup: 'identity',
    key: Buffer.from('userId:sanne@example.com', 'utf8').toString('base64'),
    value: Buffer.from(JSON.stringify({ type: 'track', userId: 'sanne@example.com' }), 'utf8').toString('base64'),
    headers: {},
    failedAt: iso(at(62)),
  },
];

const PARTITIONS = 3;
const scenarioTopics = [Topics.eventsRaw, Topics.eventsResolved, Topics.identityMerged, Topics.recommendations, Topics.deadLetter, Topics.profileDeleted];
// The story's times lie in the past: time-based retention must not delete it under the specs.
const keepForever = [{ name: 'retention.ms', value: '-1' }];

/** Creates the topics (3 partitions, as the services do) and writes the story, keyed as the producers key it. */
export async function writeScenario(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: false,
      topics: scenarioTopics.map((t) => ({ topic: t.name, numPartitions: PARTITIONS, configEntries: keepForever })),
    });
    // Right after a spec before deleted topics of the same names, Apache Kafka may answer the
    // leader wait with UNKNOWN_TOPIC_OR_PARTITION for a moment: wait for leaders ourselves.
    await waitFor(async () => {
      try {
        const { topics } = await admin.fetchTopicMetadata({ topics: scenarioTopics.map((t) => t.name) });
        return topics.every((t) => t.partitions.length === PARTITIONS && t.partitions.every((p) => p.leader >= 0)) ? true : undefined;
      } catch {
        return undefined;
      }
    }, 'leaders of the scenario topics', 30_000);
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const send = async <T>(topic: { name: string; key: (value: T) => string }, values: readonly T[], time: (value: T) => number): Promise<void> => {
      for (const value of values) await producer.send({ topic: topic.name, acks: -1, messages: [{ key: topic.key(value), value: JSON.stringify(value), timestamp: String(time(value)) }] });
    };
    await send(Topics.eventsRaw, scenarioEvents.map((e) => e.event), (e) => Date.parse(e.timestamp));
    await send(Topics.eventsResolved, scenarioEvents, (e) => Date.parse(e.event.timestamp));
    await send(Topics.identityMerged, [scenarioMerge], (m) => Date.parse(m.mergedAt));
    await send(Topics.recommendations, scenarioRecommendations, (r) => Date.parse(r.occurredAt));
    await send(Topics.profileDeleted, [scenarioDeletion], (d) => Date.parse(d.deletedAt));
    await send(Topics.deadLetter, scenarioDeadLetters, (d) => Date.parse(d.failedAt));
  } finally {
    await producer.disconnect();
  }
}
