import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

export interface ReadRecord {
  readonly partition: number;
  readonly message: KafkaMessage;
}

/**
 * Reads every partition of `topic` from its start to the end it had when the read began, for
 * tools that need a topic's whole content (dead letters, markers). kafkajs cannot assign
 * partitions without a group, so the read runs in a throwaway group of its own that commits
 * nothing and is deleted afterwards: no real group's offsets or members are touched.
 */
export async function readTopicToEnd(kafka: Kafka, topic: string, timeoutMs = 60_000): Promise<ReadRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]));
    if (ends.size === 0) return [];
    const groupId = `touchpoint-reader-${randomUUID()}`;
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    const records: ReadRecord[] = [];
    const remaining = new Set(ends.keys());
    let timer: NodeJS.Timeout | undefined;
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`reading ${topic} did not reach its end within ${timeoutMs} ms`)), timeoutMs);
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              const end = ends.get(batch.partition);
              if (end === undefined) return;
              for (const message of batch.messages) if (BigInt(message.offset) < end) records.push({ partition: batch.partition, message });
              if (BigInt(batch.lastOffset()) + 1n >= end || batch.offsetLag() === '0') remaining.delete(batch.partition);
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      clearTimeout(timer);
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return records.sort((a, b) => a.partition - b.partition || (BigInt(a.message.offset) < BigInt(b.message.offset) ? -1 : 1));
  } finally {
    await admin.disconnect();
  }
}
