import type { ServiceName } from '@touchpoint/config';
import type { Kafka } from 'kafkajs';

/** Committed offset per group, topic and partition ("group topic partition" -> offset). */
export type CommittedOffsets = ReadonlyMap<string, number>;

const groupsOf = (groups: readonly string[], service: ServiceName): string[] => groups.filter((id) => id === `touchpoint-${service}` || id.startsWith(`touchpoint-${service}-`));

export async function committedOffsets(kafka: Kafka, service: ServiceName): Promise<CommittedOffsets> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = new Map<string, number>();
    for (const groupId of groupsOf((await admin.listGroups()).groups.map((g) => g.groupId), service)) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        for (const { partition, offset } of partitions) offsets.set(`${groupId} ${topic} ${partition}`, Math.max(0, Number(offset)));
      }
    }
    return offsets;
  } finally {
    await admin.disconnect();
  }
}

async function endOffsets(kafka: Kafka, topics: readonly string[]): Promise<Map<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map<string, number>();
    for (const topic of topics) for (const { partition, high } of await admin.fetchTopicOffsets(topic)) ends.set(`${topic} ${partition}`, Number(high));
    return ends;
  } finally {
    await admin.disconnect();
  }
}

/** Below this many committed messages a re-read from the start cannot be told from redelivery. */
const MEANINGFUL_COMMITTED = 50;

/** touchpoint_kafka_messages_consumed_total by "group topic", from a service's /metrics. */
async function consumedCounts(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('touchpoint_kafka_messages_consumed_total{')) continue;
    const topic = /topic="([^"]+)"/.exec(line)?.[1];
    const group = /group="([^"]+)"/.exec(line)?.[1];
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (topic && group && Number.isFinite(value)) counts.set(`${group} ${topic}`, (counts.get(`${group} ${topic}`) ?? 0) + value);
  }
  return counts;
}

/**
 * Whether a restarted service resumed from the offsets its groups had committed before the kill:
 * since then it handles what was appended after them (plus what a rebalance redelivers). A
 * process that re-read its topics from the beginning handles about the committed count more
 * (the check is meaningful once the committed offsets are well past the start). Returns the
 * violations, empty when it resumed.
 */
export async function resumedFromCommitted(kafka: Kafka, url: string, before: CommittedOffsets): Promise<string[]> {
  const perGroupTopic = new Map<string, { committed: number; partitions: string[] }>();
  for (const [key, offset] of before) {
    const [group, topic, partition] = key.split(' ') as [string, string, string];
    const entry = perGroupTopic.get(`${group} ${topic}`) ?? { committed: 0, partitions: [] };
    entry.committed += offset;
    entry.partitions.push(`${topic} ${partition}`);
    perGroupTopic.set(`${group} ${topic}`, entry);
  }
  const consumed = await consumedCounts(url);
  const ends = await endOffsets(kafka, [...new Set([...perGroupTopic.keys()].map((key) => key.split(' ')[1] as string))]);
  const violations: string[] = [];
  for (const [groupTopic, { committed, partitions }] of perGroupTopic) {
    const appended = partitions.reduce((sum, partition) => sum + (ends.get(partition) ?? 0), 0) - committed;
    const handled = consumed.get(groupTopic) ?? 0;
    // Messages handled but not yet committed when a rebalance moves a partition are handled again
    // (at least once), so `handled` may exceed `appended` by a batch or so; a re-read from the
    // start (or from anywhere well before the committed offsets) exceeds it by about `committed`.
    const reread = handled - appended;
    if (committed >= MEANINGFUL_COMMITTED && reread > committed / 2) {
      violations.push(`${groupTopic}: handled ${handled} messages after the restart, only ${appended} were appended after its committed offsets (${committed} before the kill)`);
    }
  }
  return violations;
}
