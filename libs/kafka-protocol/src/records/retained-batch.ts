import { Writer } from '../primitives/writer';
import { decodeRecordBatch, encodeRecordsPayload, type KafkaRecord } from './record-batch';
import { BATCH_HEADER_SIZE, DELETE_HORIZON_FLAG, readBatchHeader, writeBatchCrc } from './record-batch-header';

export interface RetainOptions {
  /** Stamp the rebuilt batch with this delete horizon (KIP-534); -1 leaves it without one. */
  readonly deleteHorizonMs: number;
}

/**
 * Rebuilds a v2 batch holding only the records `keep` accepts, the way Kafka's log
 * cleaner does: the base offset, lastOffsetDelta, producer id, epoch and base sequence
 * and every survivor's offset stay as they were, so offsets never move and the batch
 * still ends where it ended (consumers and producer state rely on both). The payload is
 * written with the batch's own codec and the CRC is recomputed. Returns null when no
 * record survives.
 *
 * With a delete horizon the batch's baseTimestamp holds the horizon and each record's
 * timestamp delta is taken from it, so readers still see every record's own timestamp.
 */
export function retainRecords(batch: Buffer, keep: (record: KafkaRecord) => boolean, options: RetainOptions): Buffer | null {
  const header = readBatchHeader(batch);
  const survivors = decodeRecordBatch(batch).filter(keep);
  if (survivors.length === 0) return null;
  const baseTimestamp = options.deleteHorizonMs >= 0 ? options.deleteHorizonMs : survivors[0].timestamp;
  const payload = encodeRecordsPayload(
    survivors.map((record) => ({
      offsetDelta: record.offset - header.baseOffset,
      timestampDelta: record.timestamp - baseTimestamp,
      key: record.key,
      value: record.value,
      headers: record.headers,
    })),
    header.compression,
  );
  const withoutHorizon = header.attributes & ~DELETE_HORIZON_FLAG;
  const attributes = options.deleteHorizonMs >= 0 ? withoutHorizon | DELETE_HORIZON_FLAG : withoutHorizon;
  const rebuilt = new Writer(BATCH_HEADER_SIZE);
  rebuilt
    .int64(header.baseOffset)
    .int32(BATCH_HEADER_SIZE - 12 + payload.length)
    .int32(header.partitionLeaderEpoch)
    .int8(2)
    .uint32(0)
    .int16(attributes)
    .int32(header.lastOffsetDelta)
    .int64(baseTimestamp)
    .int64(Math.max(...survivors.map((record) => record.timestamp)))
    .int64(header.producerId)
    .int16(header.producerEpoch)
    .int32(header.baseSequence)
    .int32(survivors.length);
  const result = Buffer.concat([rebuilt.toBuffer(), payload]);
  writeBatchCrc(result);
  return result;
}
