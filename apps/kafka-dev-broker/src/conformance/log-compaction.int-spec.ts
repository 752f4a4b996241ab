import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startApacheKafka, testKafkaKind } from '@touchpoint/kafka-testing';
import type { KafkaRecord } from '@touchpoint/kafka-protocol';
import { type Admin, CompressionTypes, type EachMessagePayload, Kafka, logLevel, type Message } from 'kafkajs';
import { readWholePartition } from './raw-partition';
import { startTestBroker } from './test-broker';

const KCAT = process.env['KCAT'] ?? 'kcat';
const WAIT_MS = 30_000;
/** How often the cleaner runs on either broker; short, and every wait is for a positive condition. */
const CLEANER_INTERVAL_MS = 50;

interface CompactingKafka {
  readonly kafka: Kafka;
  readonly address: string;
  dispose(): Promise<void>;
}

/**
 * The same expectations against both brokers. The run's shared Apache Kafka cleans every
 * 15 s (Kafka's default), so the Apache Kafka pass starts a private node with a short
 * cleaner backoff instead, as the dev broker pass starts a dev broker with a short interval.
 */
async function startCompactingKafka(): Promise<CompactingKafka> {
  if (testKafkaKind() === 'dev-broker') return startTestBroker({ cleanerIntervalMs: CLEANER_INTERVAL_MS });
  const node = await startApacheKafka({ heapMb: 512, overrides: { 'log.cleaner.backoff.ms': String(CLEANER_INTERVAL_MS) } });
  const kafka = new Kafka({ clientId: 'conformance', brokers: [...node.brokers], logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100 } });
  return { kafka, address: node.address, dispose: () => node.stop() };
}

/** What a reader of the partition sees: offset, key and value (tombstones as <deleted>). */
function view(records: readonly { offset: number | string; key: Buffer | null; value: Buffer | null }[]): string[] {
  return records.map((r) => `${String(r.offset)}:${r.key?.toString() ?? '<no key>'}=${r.value === null ? '<deleted>' : r.value.toString()}`);
}

describe('log compaction', () => {
  let broker: CompactingKafka;
  let admin: Admin;

  beforeAll(async () => {
    broker = await startCompactingKafka();
    admin = broker.kafka.admin();
    await admin.connect();
  }, 180_000);

  afterAll(async () => {
    await admin?.disconnect();
    await broker?.dispose();
  });

  /**
   * A compacted topic that rolls a segment at every batch: segment.ms is 100 and each
   * batch's records are stamped a second after the previous batch's.
   */
  async function compactedTopic(topic: string, extra: Record<string, string> = {}): Promise<void> {
    const configs = { 'cleanup.policy': 'compact', 'segment.ms': '100', 'min.cleanable.dirty.ratio': '0.01', ...extra };
    await admin.createTopics({ topics: [{ topic, configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })) }], waitForLeaders: true });
  }

  let clock = Date.now() - 10 * 60_000;
  async function sendBatches(topic: string, batches: readonly (readonly [string, string | null])[][], compression = CompressionTypes.None): Promise<void> {
    const producer = broker.kafka.producer();
    await producer.connect();
    try {
      for (const batch of batches) {
        clock += 1000;
        const messages: Message[] = batch.map(([key, value]) => ({ key, value, timestamp: String(clock) }));
        await producer.send({ topic, compression, messages });
      }
    } finally {
      await producer.disconnect();
    }
  }

  /** Re-reads the partition until `done` holds for what a consumer would see. */
  async function waitForPartition(topic: string, description: string, done: (records: KafkaRecord[]) => boolean): Promise<KafkaRecord[]> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const records = await readWholePartition(broker.address, topic);
      if (done(records)) return records;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}; partition holds ${view(records).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A kafkajs consumer in a fresh group reading from the beginning until it has `count` messages. */
  async function consumeFromBeginning(topic: string, count: number): Promise<string[]> {
    const consumer = broker.kafka.consumer({ groupId: `${topic}-${Date.now()}`, sessionTimeout: 6000 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      const seen: EachMessagePayload['message'][] = [];
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            eachMessage: async ({ message }) => {
              seen.push(message);
              if (seen.length === count) resolve();
            },
          })
          .catch(reject);
      });
      return view(seen);
    } finally {
      await consumer.disconnect();
    }
  }

  it('keeps the latest record per key at its original offset, and kafkajs reads the compacted topic and what follows', async () => {
    const topic = 'compaction.latest';
    await compactedTopic(topic);
    await sendBatches(topic, [
      [['a', 'a1'], ['b', 'b1']],
      [['a', 'a2'], ['c', 'c1']],
      [['b', 'b2']],
      [['a', 'a3']],
      [['d', 'd1']],
    ]);
    // Offsets 0-6; the last batch (d1) stays in the active segment, everything else is cleanable.
    const survivors = ['3:c=c1', '4:b=b2', '5:a=a3', '6:d=d1'];
    const compacted = await waitForPartition(topic, 'the superseded values to go', (records) => records.length === survivors.length);
    expect(view(compacted)).toEqual(survivors);
    expect(await admin.fetchTopicOffsets(topic)).toEqual([expect.objectContaining({ low: '0', high: '7' })]);

    await sendBatches(topic, [[['e', 'e1']]]);
    expect(await consumeFromBeginning(topic, survivors.length + 1)).toEqual([...survivors, '7:e=e1']);
  });

  it('refuses a record without a key with INVALID_RECORD', async () => {
    const topic = 'compaction.keyless';
    await compactedTopic(topic);
    const producer = broker.kafka.producer({ retry: { retries: 0 } });
    await producer.connect();
    try {
      await expect(producer.send({ topic, messages: [{ key: null, value: 'orphan' }] })).rejects.toMatchObject({ type: 'INVALID_RECORD' });
      await expect(producer.send({ topic, messages: [{ key: 'k', value: 'kept' }] })).resolves.toHaveLength(1);
    } finally {
      await producer.disconnect();
    }
  });

  it('keeps a tombstone when first cleaned, and a cleaning after delete.retention.ms removes it', async () => {
    const topic = 'compaction.tombstones';
    await compactedTopic(topic, { 'delete.retention.ms': '1000' });
    await sendBatches(topic, [[['gone', 'g1'], ['kept', 'k1']], [['gone', null]], [['marker', 'm1']]]);

    const cleaned = await waitForPartition(topic, 'the first cleaning', (records) => !view(records).includes('0:gone=g1'));
    expect(view(cleaned)).toEqual(['1:kept=k1', '2:gone=<deleted>', '3:marker=m1']);

    // Kafka cleans only a dirty log, so a tombstone goes at the first cleaning after its
    // horizon: keep the log dirty (one more segment per round) until that cleaning came.
    const deadline = Date.now() + WAIT_MS;
    let records = cleaned;
    while (view(records).includes('2:gone=<deleted>')) {
      if (Date.now() > deadline) throw new Error(`tombstone still there: ${view(records).join(', ')}`);
      await sendBatches(topic, [[['tick', String(Date.now())]]]);
      // Paces the rounds to the cleaner instead of rolling a segment per millisecond.
      await new Promise((resolve) => setTimeout(resolve, 4 * CLEANER_INTERVAL_MS));
      records = await readWholePartition(broker.address, topic);
    }
    expect(view(records).filter((r) => !r.includes(':tick='))).toEqual(['1:kept=k1', '3:marker=m1']);
  }, 2 * WAIT_MS);

  it('compacts gzip batches and kafkajs reads the survivors', async () => {
    const topic = 'compaction.gzip';
    await compactedTopic(topic);
    await sendBatches(
      topic,
      [
        [['x', 'x1'], ['y', 'y1'], ['x', 'x2']],
        [['y', 'y2'], ['z', 'z1']],
        [['end', 'e1']],
      ],
      CompressionTypes.GZIP,
    );
    const survivors = ['2:x=x2', '3:y=y2', '4:z=z1', '5:end=e1'];
    await waitForPartition(topic, 'the gzip batches to be compacted', (records) => records.length === survivors.length);
    expect(await consumeFromBeginning(topic, survivors.length)).toEqual(survivors);
  });

  it('serves the compacted topic to librdkafka (kcat)', async () => {
    const topic = 'compaction.kcat';
    await compactedTopic(topic);
    await sendBatches(topic, [[['p', 'p1'], ['q', 'q1']], [['p', 'p2']], [['q', 'q2']], [['r', 'r1']]]);
    const survivors = ['2:p=p2', '3:q=q2', '4:r=r1'];
    await waitForPartition(topic, 'compaction', (records) => records.length === survivors.length);

    // Asynchronously: the broker runs in this process and must keep answering while kcat reads.
    const { stdout } = await promisify(execFile)(KCAT, ['-C', '-b', broker.address, '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%o:%k=%s\\n'], {
      timeout: 20_000,
    });
    expect(stdout.trim().split('\n')).toEqual(survivors);
  });
});
