import { CompressionTypes, type EachMessagePayload } from 'kafkajs';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';

describe('kafkajs produce and consume', () => {
  let broker: TestKafka;

  beforeAll(async () => {
    broker = await startTestKafka();
  });

  afterAll(async () => {
    await broker.dispose();
  });

  it('round-trips keys, null values, headers and gzip batches', async () => {
    const admin = broker.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'roundtrip', numPartitions: 2 }] });
    await admin.disconnect();

    const producer = broker.kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({
      topic: 'roundtrip',
      acks: -1,
      messages: [
        { key: 'k1', value: 'plain', headers: { trace: 'abc', empty: '' }, partition: 0 },
        { key: 'k2', value: null, partition: 0 },
      ],
    });
    await producer.send({
      topic: 'roundtrip',
      compression: CompressionTypes.GZIP,
      messages: Array.from({ length: 50 }, (_, i) => ({ key: `g${i}`, value: `zipped-${i}`.repeat(20), partition: 1 })),
    });
    await producer.disconnect();

    const consumer = broker.kafka.consumer({ groupId: 'roundtrip-group' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'roundtrip', fromBeginning: true });
    const seen: EachMessagePayload[] = [];
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async (payload) => {
            seen.push(payload);
            if (seen.length === 52) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();

    const byKey = new Map(seen.map((p) => [p.message.key?.toString(), p]));
    expect(byKey.get('k1')?.message.value?.toString()).toBe('plain');
    expect(byKey.get('k1')?.message.headers?.['trace']?.toString()).toBe('abc');
    expect(byKey.get('k1')?.message.headers?.['empty']?.toString()).toBe('');
    expect(byKey.get('k2')?.message.value).toBeNull();
    expect(byKey.get('g49')?.message.value?.toString()).toBe('zipped-49'.repeat(20));
    expect(byKey.get('g0')?.partition).toBe(1);
    expect(seen.filter((p) => p.partition === 1).map((p) => Number(p.message.offset))).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
