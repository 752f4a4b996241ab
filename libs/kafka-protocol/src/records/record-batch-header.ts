import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { crc32c } from './crc32c';

/**
 * RecordBatch v2 (magic 2) header, 61 bytes, then the records:
 *
 *   offset  field
 *   0       baseOffset            int64   (assigned by the broker on append)
 *   8       batchLength           int32   (bytes after this field)
 *   12      partitionLeaderEpoch  int32
 *   16      magic                 int8    (= 2)
 *   17      crc                   uint32  (CRC-32C of bytes 21..end)
 *   21      attributes            int16   bits 0-2 compression, 3 timestamp type,
 *                                         4 transactional, 5 control,
 *                                         6 baseTimestamp is the delete horizon (KIP-534)
 *   23      lastOffsetDelta       int32
 *   27      baseTimestamp         int64
 *   35      maxTimestamp          int64
 *   43      producerId            int64
 *   51      producerEpoch         int16
 *   53      baseSequence          int32
 *   57      recordCount           int32
 *   61      records               (compressed as a whole when compression != 0)
 */
export const BATCH_HEADER_SIZE = 61;
export const BATCH_LENGTH_OFFSET = 8;
const LOG_OVERHEAD = 12;
const MAGIC_OFFSET = 16;
const CRC_OFFSET = 17;
const ATTRIBUTES_OFFSET = 21;
/** Set by the log cleaner on batches whose tombstones may go once baseTimestamp has passed. */
export const DELETE_HORIZON_FLAG = 0x40;

export enum Compression {
  None = 0,
  Gzip = 1,
  Snappy = 2,
  Lz4 = 3,
  Zstd = 4,
}

export interface RecordBatchHeader {
  readonly baseOffset: number;
  /** Bytes of the whole batch including baseOffset and batchLength. */
  readonly sizeInBytes: number;
  readonly partitionLeaderEpoch: number;
  readonly magic: number;
  readonly crc: number;
  readonly attributes: number;
  readonly compression: Compression;
  readonly isTransactional: boolean;
  readonly isControl: boolean;
  /** When the cleaner may drop this batch's tombstones, or -1 when it has not set one. */
  readonly deleteHorizonMs: number;
  readonly lastOffsetDelta: number;
  readonly baseTimestamp: number;
  readonly maxTimestamp: number;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly recordCount: number;
}

/** Size of the batch starting at `at`, or -1 when fewer than 12 bytes remain. */
export function batchSizeAt(buffer: Buffer, at: number): number {
  if (buffer.length - at < LOG_OVERHEAD) return -1;
  return LOG_OVERHEAD + buffer.readInt32BE(at + BATCH_LENGTH_OFFSET);
}

export function readBatchHeader(buffer: Buffer, at = 0): RecordBatchHeader {
  if (buffer.length - at < BATCH_HEADER_SIZE) {
    throw new ProtocolDecodeError(`record batch header needs ${BATCH_HEADER_SIZE} bytes, have ${buffer.length - at}`);
  }
  const attributes = buffer.readInt16BE(at + ATTRIBUTES_OFFSET);
  const baseTimestamp = Number(buffer.readBigInt64BE(at + 27));
  return {
    baseOffset: Number(buffer.readBigInt64BE(at)),
    sizeInBytes: LOG_OVERHEAD + buffer.readInt32BE(at + BATCH_LENGTH_OFFSET),
    partitionLeaderEpoch: buffer.readInt32BE(at + 12),
    magic: buffer.readInt8(at + MAGIC_OFFSET),
    crc: buffer.readUInt32BE(at + CRC_OFFSET),
    attributes,
    compression: attributes & 0x07,
    isTransactional: (attributes & 0x10) !== 0,
    isControl: (attributes & 0x20) !== 0,
    deleteHorizonMs: (attributes & DELETE_HORIZON_FLAG) !== 0 ? baseTimestamp : -1,
    lastOffsetDelta: buffer.readInt32BE(at + 23),
    baseTimestamp,
    maxTimestamp: Number(buffer.readBigInt64BE(at + 35)),
    producerId: Number(buffer.readBigInt64BE(at + 43)),
    producerEpoch: buffer.readInt16BE(at + 51),
    baseSequence: buffer.readInt32BE(at + 53),
    recordCount: buffer.readInt32BE(at + 57),
  };
}

export function computeBatchCrc(batch: Buffer): number {
  return crc32c(batch.subarray(ATTRIBUTES_OFFSET));
}

export function writeBatchCrc(batch: Buffer): void {
  batch.writeUInt32BE(computeBatchCrc(batch), CRC_OFFSET);
}

export function hasValidCrc(batch: Buffer): boolean {
  return batch.length >= BATCH_HEADER_SIZE && computeBatchCrc(batch) === batch.readUInt32BE(CRC_OFFSET);
}

/** The broker owns offsets: it overwrites baseOffset on append. The CRC does not cover it. */
export function setBaseOffset(batch: Buffer, baseOffset: number): void {
  batch.writeBigInt64BE(BigInt(baseOffset), 0);
}

/**
 * Splits a records field into its batches. Throws on a trailing partial batch; a
 * producer never sends one (only fetch responses may end with a truncated batch).
 */
export function splitBatches(records: Buffer): Buffer[] {
  const batches: Buffer[] = [];
  let at = 0;
  while (at < records.length) {
    const size = batchSizeAt(records, at);
    if (size < BATCH_HEADER_SIZE || at + size > records.length) {
      throw new ProtocolDecodeError(`record batch at byte ${at} is truncated or too short`);
    }
    batches.push(records.subarray(at, at + size));
    at += size;
  }
  return batches;
}
