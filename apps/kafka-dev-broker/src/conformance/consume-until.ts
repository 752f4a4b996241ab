import type { Consumer, Kafka } from 'kafkajs';

/** Runs `consumer` on `topic` until `count` message values arrived; leaves it running. */
export async function consumeUntil(consumer: Consumer, topic: string, count: number, fromBeginning = false): Promise<string[]> {
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning });
  const values: string[] = [];
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachMessage: async ({ message }) => {
          values.push(String(message.value));
          if (values.length === count) resolve();
        },
      })
      .catch(reject);
  });
  return values;
}

/** Joins `groupId`, reads `count` values from `topic`, and leaves the group again. */
export async function readGroup(broker: { readonly kafka: Kafka }, groupId: string, topic: string, count: number): Promise<string[]> {
  const consumer = broker.kafka.consumer({ groupId, sessionTimeout: 6000 });
  try {
    return await consumeUntil(consumer, topic, count, true);
  } finally {
    await consumer.disconnect();
  }
}
