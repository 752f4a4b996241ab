import { gunzipSync, gzipSync } from 'node:zlib';
import { KafkaError } from '../errors/error-codes';
import { KafkaProtocolError } from '../errors/kafka-protocol-error';
import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { Reader } from '../primitives/reader';
import { Writer } from '../primitives/writer';
import { BATCH_HEADER_SIZE, Compression, readBatchHeader, writeBatchCrc } from './record-batch-header';

/**
 * One record inside a v2 batch (all integers zig-zag varints):
 *
 *   length          varint   bytes after this field
 *   attributes      int8     unused, 0
 *   timestampDelta  varlong  from the batch's baseTimestamp
 *   offsetDelta     varint   from the batch's baseOffset
 *   keyLength       varint   -1 for null
 *   key             bytes
 *   valueLength     varint   -1 for null
 *   value           bytes
 *   headerCount     varint
 *   headers         [keyLength varint, key utf8, valueLength varint, value bytes]
 */
export interface RecordHeader {
  readonly key: string;
  readonly value: Buffer | null;
}

export interface KafkaRecord {
  readonly offset: number;
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly RecordHeader[];
}

export interface NewRecord {
  readonly key?: Buffer | null;
  readonly value: Buffer | null;
  readonly timestamp?: number;
  readonly headers?: readonly RecordHeader[];
}

export interface BatchOptions {
  readonly baseOffset?: number;
  readonly compression?: Compression;
  readonly producerId?: number;
  readonly producerEpoch?: number;
  readonly baseSequence?: number;
  readonly now?: number;
}

function compress(compression: Compression, data: Buffer): Buffer {
  if (compression === Compression.None) return data;
  if (compression === Compression.Gzip) return gzipSync(data);
  throw new KafkaProtocolError(KafkaError.UNSUPPORTED_COMPRESSION_TYPE, `compression ${Compression[compression]} is not supported`);
}

function decompress(compression: Compression, data: Buffer): Buffer {
  if (compression === Compression.None) return data;
  if (compression === Compression.Gzip) {
    try {
      return gunzipSync(data);
    } catch (error) {
      throw new KafkaProtocolError(KafkaError.CORRUPT_MESSAGE, `gzip payload does not inflate: ${String(error)}`);
    }
  }
  throw new KafkaProtocolError(
    KafkaError.UNSUPPORTED_COMPRESSION_TYPE,
    `compression ${Compression[compression] ?? compression} is not supported`,
  );
}

function writeVarBytes(writer: Writer, value: Buffer | null): void {
  if (value === null) {
    writer.varint(-1);
    return;
  }
  writer.varint(value.length).raw(value);
}

function readVarBytes(reader: Reader): Buffer | null {
  const length = reader.varint();
  return length < 0 ? null : reader.raw(length);
}

/** A record as laid out inside a batch: relative to the batch's base offset and timestamp. */
export interface RecordBody {
  readonly offsetDelta: number;
  readonly timestampDelta: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly RecordHeader[];
}

/** The records section of a batch, compressed as `compression` says. */
export function encodeRecordsPayload(records: readonly RecordBody[], compression: Compression): Buffer {
  const body = new Writer(1024);
  for (const record of records) {
    const fields = new Writer(128);
    fields.int8(0).varlong(record.timestampDelta).varint(record.offsetDelta);
    writeVarBytes(fields, record.key);
    writeVarBytes(fields, record.value);
    fields.varint(record.headers.length);
    for (const header of record.headers) {
      writeVarBytes(fields, Buffer.from(header.key, 'utf8'));
      writeVarBytes(fields, header.value);
    }
    const encoded = fields.toBuffer();
    body.varint(encoded.length).raw(encoded);
  }
  return compress(compression, body.toBuffer());
}

/** Builds a complete RecordBatch v2 with a correct CRC. */
export function encodeRecordBatch(records: readonly NewRecord[], options: BatchOptions = {}): Buffer {
  if (records.length === 0) throw new RangeError('a record batch holds at least one record');
  const now = options.now ?? Date.now();
  const timestamps = records.map((record) => record.timestamp ?? now);
  const baseTimestamp = Math.min(...timestamps);
  const maxTimestamp = Math.max(...timestamps);
  const compression = options.compression ?? Compression.None;
  const payload = encodeRecordsPayload(
    records.map((record, index) => ({
      offsetDelta: index,
      timestampDelta: timestamps[index] - baseTimestamp,
      key: record.key ?? null,
      value: record.value,
      headers: record.headers ?? [],
    })),
    compression,
  );

  const header = new Writer(BATCH_HEADER_SIZE);
  header
    .int64(options.baseOffset ?? 0)
    .int32(BATCH_HEADER_SIZE - 12 + payload.length)
    .int32(-1)
    .int8(2)
    .uint32(0)
    .int16(compression)
    .int32(records.length - 1)
    .int64(baseTimestamp)
    .int64(maxTimestamp)
    .int64(options.producerId ?? -1)
    .int16(options.producerEpoch ?? -1)
    .int32(options.baseSequence ?? -1)
    .int32(records.length);
  const batch = Buffer.concat([header.toBuffer(), payload]);
  writeBatchCrc(batch);
  return batch;
}

/** Reads the records of one batch, inflating gzip; other codecs are refused with their protocol error. */
export function decodeRecordBatch(batch: Buffer): KafkaRecord[] {
  const header = readBatchHeader(batch);
  if (header.magic !== 2) throw new ProtocolDecodeError(`unsupported record batch magic ${header.magic}`);
  const payload = decompress(header.compression, batch.subarray(BATCH_HEADER_SIZE, header.sizeInBytes));
  const reader = new Reader(payload);
  const records: KafkaRecord[] = [];
  for (let i = 0; i < header.recordCount; i++) {
    const length = reader.varint();
    const end = reader.offset + length;
    const fields = new Reader(payload, reader.offset, end);
    reader.raw(length);
    fields.int8();
    const timestampDelta = fields.varlong();
    const offsetDelta = fields.varint();
    const key = readVarBytes(fields);
    const value = readVarBytes(fields);
    const headerCount = fields.varint();
    if (headerCount < 0 || headerCount > fields.remaining()) {
      throw new ProtocolDecodeError(`record ${i} claims ${headerCount} headers`);
    }
    const headers: RecordHeader[] = [];
    for (let h = 0; h < headerCount; h++) {
      const headerKey = readVarBytes(fields);
      if (headerKey === null) throw new ProtocolDecodeError(`record ${i} has a null header key`);
      headers.push({ key: headerKey.toString('utf8'), value: readVarBytes(fields) });
    }
    records.push({
      offset: header.baseOffset + offsetDelta,
      timestamp: header.baseTimestamp + timestampDelta,
      key,
      value,
      headers,
    });
  }
  if (reader.remaining() !== 0) {
    throw new ProtocolDecodeError(`record batch has ${reader.remaining()} bytes after its ${header.recordCount} records`);
  }
  return records;
}

/**
 * Checks that an uncompressed batch's records are framed as its header says: the count
 * matches and every record's length fits. Compressed batches are left to the consumer
 * (inflating every batch on the broker's hot path would cost more than it protects).
 * Returns a reason when the batch is malformed, or null.
 */
export function recordFramingError(batch: Buffer): string | null {
  const header = readBatchHeader(batch);
  if (header.recordCount <= 0) return `batch declares ${header.recordCount} records`;
  if (header.lastOffsetDelta !== header.recordCount - 1) {
    return `lastOffsetDelta ${header.lastOffsetDelta} does not match ${header.recordCount} records`;
  }
  if (header.compression !== Compression.None) return header.compression > Compression.Zstd ? `unknown compression ${header.compression}` : null;
  const reader = new Reader(batch, BATCH_HEADER_SIZE, header.sizeInBytes);
  try {
    for (let i = 0; i < header.recordCount; i++) {
      const length = reader.varint();
      if (length <= 0) return `record ${i} has length ${length}`;
      reader.raw(length);
    }
  } catch (error) {
    if (error instanceof ProtocolDecodeError) return `record framing overruns the batch: ${error.message}`;
    throw error;
  }
  return reader.remaining() === 0 ? null : `${reader.remaining()} stray bytes after the last record`;
}
