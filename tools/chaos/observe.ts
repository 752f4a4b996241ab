import { type ProfilesMerged, type RecommendationMessage, type ResolvedEvent, Topics } from '@touchpoint/contracts';
import { readTopicToEnd } from '@touchpoint/kafka';
import type { JourneyEntry, JourneyState, JourneyView } from '@touchpoint/journey-model';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import type { Observation } from './checks';

export const kafkaOf = (brokers: readonly string[]): Kafka => new Kafka({ clientId: 'touchpoint-chaos', brokers: [...brokers], logLevel: logLevel.NOTHING, retry: { retries: 10 } });

/** A message's JSON value, or undefined for bytes that are not JSON (the run's own poison among them). */
const parse = (value: Buffer | null): unknown => {
  try {
    return JSON.parse(value?.toString() ?? 'null');
  } catch {
    return undefined;
  }
};

async function query<T>(databaseUrl: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  // A connection the server ends (an administrator, a restart) fails the query, not the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<T & Record<string, unknown>>(text)).rows;
  } finally {
    await client.end();
  }
}

/** Every consumer group's lag summed over its partitions, and the outboxes' unpublished rows. */
export async function backlog(kafka: Kafka, databaseUrl: string): Promise<{ lag: number; outbox: number; groups: number }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith('touchpoint-') && !id.startsWith('touchpoint-reader-') && !id.startsWith('touchpoint-watcher-'));
    let lag = 0;
    for (const groupId of groups) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
        for (const { partition, offset } of partitions) {
          const end = ends.get(partition) ?? 0;
          // A partition the group never committed on counts whole, unless it is empty.
          lag += Math.max(0, end - Math.max(0, Number(offset)));
        }
      }
    }
    const [outboxes] = await query<{ n: number }>(
      databaseUrl,
      `SELECT (SELECT count(*) FROM journey_transitions WHERE NOT published)::int + (SELECT count(*) FROM recommendation_decisions WHERE published_at IS NULL)::int AS n`,
    );
    return { lag, outbox: outboxes?.n ?? 0, groups: groups.length };
  } finally {
    await admin.disconnect();
  }
}

/** Reads back every topic the checks need from its start, and the journey's state of record. */
export async function observe(kafka: Kafka, databaseUrl: string): Promise<Observation> {
  const [raw, resolved, merges, recommendations] = await Promise.all([
    readTopicToEnd(kafka, Topics.eventsRaw.name, 180_000),
    readTopicToEnd(kafka, Topics.eventsResolved.name, 180_000),
    readTopicToEnd(kafka, Topics.identityMerged.name, 180_000),
    readTopicToEnd(kafka, Topics.recommendations.name, 180_000),
  ]);
  const rawCopies = new Map<string, number>();
  for (const record of raw) {
    const value = Topics.eventsRaw.schema.safeParse(parse(record.message.value));
    // Poison the run injected is not an event; it is accounted for with the dead letters.
    if (value.success) rawCopies.set(value.data.messageId, (rawCopies.get(value.data.messageId) ?? 0) + 1);
  }
  const valid = <T>(records: typeof raw, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T[] =>
    records.flatMap((record) => {
      const result = schema.safeParse(parse(record.message.value));
      return result.success ? [result.data] : [];
    });
  const entries = await query<{ profile_id: string; message_id: string; entry: JourneyEntry }>(databaseUrl, 'SELECT profile_id, message_id, entry FROM journey_entries');
  const profiles = await query<{ profile_id: string; retired_into: string | null; state: JourneyState | null; view: JourneyView | null }>(
    databaseUrl,
    'SELECT profile_id, retired_into, state, view FROM journey_profiles',
  );
  return {
    rawCopies,
    resolved: valid<ResolvedEvent>(resolved, Topics.eventsResolved.schema),
    merges: valid<ProfilesMerged>(merges, Topics.identityMerged.schema),
    entries: entries.map((row) => ({ profileId: row.profile_id, messageId: row.message_id, entry: row.entry })),
    profiles: profiles.map((row) => ({ profileId: row.profile_id, retiredInto: row.retired_into, state: row.state, view: row.view })),
    recommendations: valid<RecommendationMessage>(recommendations, Topics.recommendations.schema),
  };
}
