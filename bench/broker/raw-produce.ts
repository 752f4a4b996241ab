/**
 * A minimal Produce client for measuring the broker's own ceiling: the record batch and
 * the request frame are encoded once (with the project's kafka-protocol codecs), then the
 * same bytes are sent again and again with a fresh correlation id, `inFlight` requests
 * pipelined on one connection. The client then costs almost nothing, so the figure shows
 * what the broker can take rather than what kafkajs can encode.
 */
import net from 'node:net';
import { ApiKey, encodeRecordBatch, KafkaError, Reader, Writer } from '@touchpoint/kafka-protocol';

const PRODUCE_VERSION = 7;
/** Byte position of correlation_id in a request frame: size int32, api_key int16, api_version int16. */
const CORRELATION_ID_AT = 8;

export interface RawProduceOptions {
  readonly host: string;
  readonly port: number;
  readonly topic: string;
  readonly partitions: number;
  readonly total: number;
  readonly perRequest: number;
  readonly inFlight: number;
  readonly value: Buffer;
  readonly acks: number;
}

export interface RawProduceResult {
  readonly seconds: number;
  readonly latenciesMs: number[];
}

function produceFrame(topic: string, partition: number, batch: Buffer, acks: number): Buffer {
  const writer = new Writer(batch.length + 128);
  writer.int32(0).int16(ApiKey.Produce).int16(PRODUCE_VERSION).int32(0).nullableString('bench-broker-raw');
  writer.nullableString(null).int16(acks).int32(30_000);
  writer.int32(1).string(topic).int32(1).int32(partition).bytes(batch);
  const frame = writer.toBuffer();
  frame.writeInt32BE(frame.length - 4, 0);
  return frame;
}

/** Reads a Produce v7 response body and returns the first non-zero error code, or 0. */
function produceErrorCode(reader: Reader): number {
  const topics = reader.int32();
  for (let t = 0; t < topics; t++) {
    reader.string();
    const partitions = reader.int32();
    for (let p = 0; p < partitions; p++) {
      reader.int32(); // index
      const errorCode = reader.int16();
      reader.int64(); // base_offset
      reader.int64(); // log_append_time_ms
      reader.int64(); // log_start_offset
      if (errorCode !== KafkaError.NONE.code) return errorCode;
    }
  }
  return KafkaError.NONE.code;
}

export async function rawProduce(options: RawProduceOptions): Promise<RawProduceResult> {
  const { host, port, topic, partitions, total, perRequest, inFlight, value, acks } = options;
  if (acks === 0) throw new Error('raw produce needs acks 1 or -1 (it counts responses)');
  const requests = Math.ceil(total / perRequest);
  const makeFrame = (partition: number, count: number): Buffer =>
    produceFrame(topic, partition, encodeRecordBatch(Array.from({ length: count }, () => ({ value }))), acks);
  const full = Array.from({ length: partitions }, (_, p) => makeFrame(p, perRequest));

  const socket = net.connect(port, host);
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });

  const latenciesMs = new Array<number>(requests);
  const sentAt = new Array<number>(requests);
  let sent = 0;
  let answered = 0;
  const started = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const pump = (): void => {
        while (sent < requests && sent - answered < inFlight) {
          const i = sent++;
          const count = Math.min(perRequest, total - i * perRequest);
          const template = count === perRequest ? full[i % partitions] : makeFrame(i % partitions, count);
          const frame = Buffer.from(template); // the socket may still hold the previous copy
          frame.writeInt32BE(i, CORRELATION_ID_AT);
          sentAt[i] = performance.now();
          socket.write(frame);
        }
      };
      let pending: Buffer = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
          const size = pending.readInt32BE(0);
          const reader = new Reader(pending, 4, 4 + size);
          const correlationId = reader.int32();
          const errorCode = produceErrorCode(reader);
          if (errorCode !== KafkaError.NONE.code) {
            reject(new Error(`raw produce ${correlationId} failed with error code ${errorCode}`));
            return;
          }
          latenciesMs[correlationId] = performance.now() - sentAt[correlationId];
          answered++;
          pending = pending.subarray(4 + size);
        }
        if (answered === requests) resolve();
        else pump();
      });
      socket.once('error', reject);
      socket.once('close', () => reject(new Error(`connection closed after ${answered} of ${requests} responses`)));
      pump();
    });
    return { seconds: (performance.now() - started) / 1000, latenciesMs };
  } finally {
    socket.destroy();
  }
}
