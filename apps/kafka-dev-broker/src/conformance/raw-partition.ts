import { ApiKey, decodeRecordBatch, type KafkaRecord, splitBatches } from '@touchpoint/kafka-protocol';
import { RawConnection } from './raw-connection';

export interface PartitionRead {
  readonly errorCode: number;
  readonly highWatermark: number;
  readonly logStartOffset: number;
  readonly records: readonly KafkaRecord[];
}

/**
 * One Fetch v5 of partition 0 from `offset`, decoded, for checks a consumer library would
 * hide (the exact error code, records below the fetch offset in the first batch).
 */
export async function fetchPartition(address: string, topic: string, offset: number): Promise<PartitionRead> {
  const connection = await openRaw(address);
  try {
    const reader = await connection.request(ApiKey.Fetch, 5, 1, (w) =>
      w.int32(-1).int32(0).int32(0).int32(1 << 20).int8(0).int32(1).string(topic).int32(1).int32(0).int64(offset).int64(-1).int32(1 << 20),
    );
    if (!reader) throw new Error('broker closed the connection');
    /* throttle_time_ms */ reader.int32();
    /* responses */ reader.int32();
    /* topic */ reader.string();
    /* partitions */ reader.int32();
    /* partition_index */ reader.int32();
    const errorCode = reader.int16();
    const highWatermark = reader.int64();
    reader.int64();
    const logStartOffset = reader.int64();
    /* aborted_transactions: null */ reader.int32();
    const data = reader.nullableBytes();
    const records = data && data.length > 0 ? splitBatches(data).flatMap((batch) => decodeRecordBatch(batch)) : [];
    return { errorCode, highWatermark, logStartOffset, records };
  } finally {
    connection.close();
  }
}

/** A raw connection to `host:port`. */
export function openRaw(address: string): Promise<RawConnection> {
  const colon = address.lastIndexOf(':');
  return RawConnection.open(Number(address.slice(colon + 1)), address.slice(0, colon));
}

/** Every record of partition 0 from offset 0 to its end, following fetches like a consumer. */
export async function readWholePartition(address: string, topic: string): Promise<KafkaRecord[]> {
  const all: KafkaRecord[] = [];
  let offset = 0;
  for (;;) {
    const read = await fetchPartition(address, topic, offset);
    if (read.errorCode !== 0) throw new Error(`fetch at ${offset} failed with error ${read.errorCode}`);
    const fresh = read.records.filter((r) => r.offset >= offset);
    if (fresh.length === 0) return all;
    all.push(...fresh);
    offset = fresh[fresh.length - 1].offset + 1;
  }
}

export interface DeleteResult {
  readonly lowWatermark: number;
  readonly errorCode: number;
}

/** A DeleteRecords v1 request for partition 0, answered with the exact low watermark and error code. */
export async function deleteRecords(address: string, topic: string, offset: number): Promise<DeleteResult> {
  const connection = await openRaw(address);
  try {
    const reader = await connection.request(ApiKey.DeleteRecords, 1, 1, (w) => w.int32(1).string(topic).int32(1).int32(0).int64(offset).int32(5000));
    if (!reader) throw new Error('broker closed the connection');
    /* throttle_time_ms */ reader.int32();
    const shape = [reader.int32(), reader.string(), reader.int32(), reader.int32()];
    if (shape.join() !== [1, topic, 1, 0].join()) throw new Error(`DeleteRecords answered for ${shape.join()}, not ${topic} partition 0`);
    return { lowWatermark: reader.int64(), errorCode: reader.int16() };
  } finally {
    connection.close();
  }
}
