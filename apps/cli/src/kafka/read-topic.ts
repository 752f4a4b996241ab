import type { CliKafka } from './cli-kafka';
import { type PartitionRange, PartitionReader, type ReadMessage } from './partition-reader';
import { partitionsOf } from './read-window';

/** Every record a topic holds now, every partition from its start: for small topics (deletions, dead letters). */
export async function readWholeTopic(cluster: CliKafka, topic: string): Promise<ReadMessage[]> {
  if (!(await cluster.topicNames()).has(topic)) return [];
  const admin = await cluster.admin();
  const offsets = await admin.fetchTopicOffsets(topic);
  const partitions = new Set(await partitionsOf(cluster, topic));
  const ranges: PartitionRange[] = offsets
    .filter((p) => partitions.has(p.partition))
    .map((p) => ({ partition: p.partition, start: BigInt(p.low), end: BigInt(p.high) }))
    .filter((r) => r.start < r.end)
    .sort((a, b) => a.partition - b.partition);
  const reader = new PartitionReader(cluster.config);
  const records: ReadMessage[] = [];
  try {
    for await (const record of reader.read(topic, ranges)) records.push(record);
  } finally {
    await reader.close();
  }
  return records;
}
