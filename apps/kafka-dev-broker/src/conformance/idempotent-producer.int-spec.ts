import { ApiKey, encodeRecordBatch, type Reader } from '@touchpoint/kafka-protocol';
import { RawConnection } from './raw-connection';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';

function readProducePartition(reader: Reader): { errorCode: number; baseOffset: number } {
  reader.int32(); // one topic
  reader.string();
  reader.int32(); // one partition
  reader.int32();
  const errorCode = reader.int16();
  const baseOffset = reader.int64();
  return { errorCode, baseOffset };
}

describe('idempotent producer', () => {
  let broker: TestKafka;
  let connection: RawConnection;
  // Offsets below are absolute, so each run writes to a topic of its own.
  const topic = `tp.conformance.idempotent.${Date.now()}`;

  beforeAll(async () => {
    broker = await startTestKafka();
    const admin = broker.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic }] });
    await admin.disconnect();
    connection = await RawConnection.open(Number(broker.address.split(':')[1]));
  });

  afterAll(async () => {
    connection.close();
    await broker.dispose();
  });

  /** Apache Kafka answers COORDINATOR_LOAD_IN_PROGRESS (14) until its transaction state is loaded; clients retry it. */
  async function initProducerId(): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const reader = await connection.request(ApiKey.InitProducerId, 1, 1, (w) => w.nullableString(null).int32(60_000));
      if (!reader) throw new Error('connection closed');
      reader.int32();
      const errorCode = reader.int16();
      if (errorCode === 14 && attempt < 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      expect(errorCode).toBe(0);
      return reader.int64();
    }
  }

  async function produce(batch: Buffer, correlationId: number): Promise<{ errorCode: number; baseOffset: number }> {
    const reader = await connection.request(ApiKey.Produce, 7, correlationId, (w) => {
      w.nullableString(null).int16(-1).int32(5000);
      w.int32(1).string(topic).int32(1).int32(0).nullableBytes(batch);
    });
    if (!reader) throw new Error('connection closed');
    return readProducePartition(reader);
  }

  const batchOf = (producerId: number, baseSequence: number, count: number): Buffer =>
    encodeRecordBatch(
      Array.from({ length: count }, (_, i) => ({ value: Buffer.from(`seq-${baseSequence + i}`) })),
      { producerId, producerEpoch: 0, baseSequence },
    );

  it('writes a retried batch once and answers the retry with the original offset', async () => {
    const producerId = await initProducerId();
    const first = batchOf(producerId, 0, 3);
    expect(await produce(Buffer.from(first), 10)).toEqual({ errorCode: 0, baseOffset: 0 });
    // The network ate the acknowledgement; the producer sends the very same batch again.
    expect(await produce(Buffer.from(first), 11)).toEqual({ errorCode: 0, baseOffset: 0 });
    expect(await produce(batchOf(producerId, 3, 2), 12)).toEqual({ errorCode: 0, baseOffset: 3 });

    const admin = broker.kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    expect(offsets[0].high).toBe('5');
  });

  it('refuses a sequence gap with OUT_OF_ORDER_SEQUENCE_NUMBER', async () => {
    const producerId = await initProducerId();
    expect((await produce(batchOf(producerId, 0, 1), 20)).errorCode).toBe(0);
    expect(await produce(batchOf(producerId, 5, 1), 21)).toEqual({ errorCode: 45, baseOffset: -1 });
  });

  it('delivers exactly once through kafkajs with idempotence on', async () => {
    const producer = broker.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (let i = 0; i < 10; i++) await producer.send({ topic, acks: -1, messages: [{ value: `kafkajs-${i}` }] });
    await producer.disconnect();
    const admin = broker.kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    expect(offsets[0].high).toBe('16');
  });
});
