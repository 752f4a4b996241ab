import { ApiKey, Compression, encodeRecordBatch, writeBatchCrc } from '@touchpoint/kafka-protocol';
import { openRaw } from './raw-partition';
import { startTestBroker, type TestBroker } from './test-broker';

/** A keyed batch whose attributes claim `compression`, with a matching CRC, as a producer using that codec sends it. */
function keyedBatch(compression: Compression): Buffer {
  const batch = encodeRecordBatch([{ key: Buffer.from('k'), value: Buffer.from('v') }]);
  batch.writeInt16BE(compression, 21);
  writeBatchCrc(batch);
  return batch;
}

/** Produce v3 (acks=1) of one batch to partition 0; returns the partition's error code. */
async function produce(broker: TestBroker, topic: string, batch: Buffer): Promise<number> {
  const connection = await openRaw(broker.address);
  try {
    const reader = await connection.request(ApiKey.Produce, 3, 1, (w) =>
      w.nullableString(null).int16(1).int32(5000).int32(1).string(topic).int32(1).int32(0).bytes(batch),
    );
    if (!reader) throw new Error('broker closed the connection');
    /* topics */ reader.int32();
    /* name */ reader.string();
    /* partitions */ reader.int32();
    /* index */ reader.int32();
    return reader.int16();
  } finally {
    connection.close();
  }
}

/**
 * The dev broker must inflate records on a compacted topic (to refuse keyless records and
 * to clean), and it inflates only gzip; Apache Kafka accepts every codec. ADR 0001 records
 * the difference.
 */
describe('codecs on a compacted topic (dev broker)', () => {
  let broker: TestBroker;

  beforeAll(async () => {
    broker = await startTestBroker();
    const admin = broker.kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic: 'codecs.compacted', configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
        { topic: 'codecs.plain', configEntries: [{ name: 'cleanup.policy', value: 'delete' }] },
      ],
      waitForLeaders: true,
    });
    await admin.disconnect();
  });

  afterAll(async () => {
    await broker.dispose();
  });

  it.each([
    ['snappy', Compression.Snappy],
    ['lz4', Compression.Lz4],
  ])('refuses a %s batch with UNSUPPORTED_COMPRESSION_TYPE', async (_name, compression) => {
    expect(await produce(broker, 'codecs.compacted', keyedBatch(compression))).toBe(76);
  });

  it('accepts uncompressed and gzip batches there, and snappy on a topic that is not compacted', async () => {
    expect(await produce(broker, 'codecs.compacted', keyedBatch(Compression.None))).toBe(0);
    expect(await produce(broker, 'codecs.compacted', encodeRecordBatch([{ key: Buffer.from('k'), value: Buffer.from('v') }], { compression: Compression.Gzip }))).toBe(0);
    expect(await produce(broker, 'codecs.plain', keyedBatch(Compression.Snappy))).toBe(0);
  });
});
