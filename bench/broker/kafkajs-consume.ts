/**
 * The consume phase through kafkajs: one consumer in a new group reads a topic from the
 * beginning until it has every message.
 */
import { type Kafka } from 'kafkajs';

export interface ConsumeResult {
  readonly messages: number;
  readonly valueBytes: number;
  /** From the first batch handed to eachBatch to the batch that completed the count. */
  readonly seconds: number;
  /** From consumer.run() to the first batch: group join, offset lookup, first fetch. */
  readonly startupSeconds: number;
}

export async function consume(kafka: Kafka, topic: string, groupId: string, total: number, timeoutMs: number): Promise<ConsumeResult> {
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let received = 0;
    let valueBytes = 0;
    let firstAt = 0;
    let doneAt = 0;
    const runAt = performance.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`consumed only ${received} of ${total} messages within ${timeoutMs} ms`)), timeoutMs);
      consumer
        .run({
          eachBatch: async ({ batch }) => {
            if (firstAt === 0) firstAt = performance.now();
            for (const message of batch.messages) valueBytes += message.value?.length ?? 0;
            received += batch.messages.length;
            if (received >= total && doneAt === 0) {
              doneAt = performance.now();
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch((error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
    return { messages: received, valueBytes, seconds: (doneAt - firstAt) / 1000, startupSeconds: (firstAt - runAt) / 1000 };
  } finally {
    await consumer.disconnect();
  }
}
