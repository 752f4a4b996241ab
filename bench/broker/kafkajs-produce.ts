/**
 * The produce phase through kafkajs: the workload's batches from one producer, with a
 * bounded pool of calls in flight.
 */
import { CompressionTypes, type Kafka, type Message, Partitioners } from 'kafkajs';
import { type ProduceMode } from './bench-settings';
import { ACKS, MESSAGES_PER_BATCH, PARTITIONS } from './workload';

export interface ProduceResult {
  readonly seconds: number;
  /** One entry per producer call. */
  readonly latenciesMs: number[];
  readonly messagesPerCall: number;
}

function batchMessages(value: Buffer, partition: number, count: number): Message[] {
  return Array.from({ length: count }, () => ({ value, partition }));
}

/**
 * Sends `total` messages in batches of 100, each batch to one partition (round-robin), with
 * `concurrency` batches in flight. `send`: one producer.send per batch. `sendBatch`: one
 * producer.sendBatch per 4 batches (one per partition, so one Produce request carries all
 * four), with concurrency / 4 calls in flight.
 */
export async function produce(kafka: Kafka, topic: string, total: number, concurrency: number, mode: ProduceMode, value: Buffer): Promise<ProduceResult> {
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const full = Array.from({ length: PARTITIONS }, (_, p) => batchMessages(value, p, MESSAGES_PER_BATCH));
    const batches = Math.ceil(total / MESSAGES_PER_BATCH);
    const batch = (i: number): Message[] => {
      const count = Math.min(MESSAGES_PER_BATCH, total - i * MESSAGES_PER_BATCH);
      return count === MESSAGES_PER_BATCH ? full[i % PARTITIONS] : batchMessages(value, i % PARTITIONS, count);
    };
    const batchesPerCall = mode === 'send' ? 1 : PARTITIONS;
    const calls = Math.ceil(batches / batchesPerCall);
    const latenciesMs = new Array<number>(calls);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let call = next++; call < calls; call = next++) {
        const first = call * batchesPerCall;
        const started = performance.now();
        if (mode === 'send') {
          await producer.send({ topic, acks: ACKS, compression: CompressionTypes.None, messages: batch(first) });
        } else {
          const messages: Message[] = [];
          for (let i = first; i < Math.min(batches, first + batchesPerCall); i++) messages.push(...batch(i));
          await producer.sendBatch({ acks: ACKS, compression: CompressionTypes.None, topicMessages: [{ topic, messages }] });
        }
        latenciesMs[call] = performance.now() - started;
      }
    };
    const workers = Math.min(calls, Math.max(1, Math.round(concurrency / batchesPerCall)));
    const started = performance.now();
    await Promise.all(Array.from({ length: workers }, worker));
    return { seconds: (performance.now() - started) / 1000, latenciesMs, messagesPerCall: batchesPerCall * MESSAGES_PER_BATCH };
  } finally {
    await producer.disconnect();
  }
}
