import { type ResolvedEvent, Topics } from '@touchpoint/contracts';
import type { Customer } from '../customer/customer';
import type { CliKafka } from '../kafka/cli-kafka';
import { partitionsForKeys } from '../kafka/key-partitions';
import { mergeByTime } from '../kafka/merge-by-time';
import { PartitionReader, type ReadMessage } from '../kafka/partition-reader';
import { partitionsOf, rangesByTime } from '../kafka/read-window';

export interface CustomerRecord<T> {
  readonly partition: number;
  readonly offset: string;
  readonly value: T;
}

/**
 * The customer's records on a profile-keyed topic: only the partitions its profile ids land
 * on, only records keyed by one of them, from the start of the topic. Records that do not
 * match the topic's schema are counted, not shown.
 */
export async function readCustomerRecords<T>(
  cluster: CliKafka,
  topic: { readonly name: string; readonly schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } } },
  customer: Customer,
): Promise<{ records: CustomerRecord<T>[]; unreadable: number }> {
  if (!(await cluster.topicNames()).has(topic.name)) return { records: [], unreadable: 0 };
  const all = await partitionsOf(cluster, topic.name);
  const keys = new Set(customer.profileIds);
  const ranges = await rangesByTime(cluster, topic.name, partitionsForKeys(topic.name, all.length, keys), 0, null);
  const reader = new PartitionReader(cluster.config);
  const records: CustomerRecord<T>[] = [];
  let unreadable = 0;
  try {
    const streams = ranges.map((range) => reader.read(topic.name, [range]));
    for await (const read of mergeByTime(streams)) {
      if (!keys.has(read.message.key?.toString('utf8') ?? '')) continue;
      const parsed = topic.schema.safeParse(jsonOf(read));
      if (parsed.success) records.push({ partition: read.partition, offset: read.message.offset, value: parsed.data });
      else unreadable++;
    }
  } finally {
    await reader.close();
  }
  return { records, unreadable };
}

function jsonOf(read: ReadMessage): unknown {
  try {
    return JSON.parse(read.message.value?.toString('utf8') ?? 'null') as unknown;
  } catch {
    return null;
  }
}

export const readCustomerEvents = (cluster: CliKafka, customer: Customer): Promise<{ records: CustomerRecord<ResolvedEvent>[]; unreadable: number }> =>
  readCustomerRecords(cluster, Topics.eventsResolved, customer);
