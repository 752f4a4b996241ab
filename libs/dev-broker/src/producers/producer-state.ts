import fs from 'node:fs';
import path from 'node:path';
import { KafkaError, type KafkaErrorCode, type RecordBatchHeader } from '@touchpoint/kafka-protocol';

/** How many recent batches per producer are remembered to answer retries (Kafka keeps 5). */
const RECENT_BATCHES = 5;
const SEQUENCE_WRAP = 2 ** 31;

interface BatchMemo {
  readonly firstSequence: number;
  readonly lastSequence: number;
  readonly baseOffset: number;
}

interface ProducerEntry {
  epoch: number;
  lastSequence: number;
  readonly recent: BatchMemo[];
}

export type SequenceCheck =
  | { readonly kind: 'append' }
  | { readonly kind: 'duplicate'; readonly baseOffset: number }
  | { readonly kind: 'reject'; readonly error: KafkaErrorCode; readonly message: string };

/**
 * Idempotent-producer bookkeeping: producer id allocation and per-partition sequence
 * checks, so a producer's retry of an acknowledged batch is answered with the original
 * offset instead of being written twice. State is rebuilt from the active segments at start.
 */
export class ProducerState {
  private readonly partitions = new Map<string, Map<number, ProducerEntry>>();
  private nextProducerId: number;
  private readonly idFile: string;

  constructor(dataDir: string) {
    this.idFile = path.join(dataDir, 'next-producer-id');
    this.nextProducerId = fs.existsSync(this.idFile) ? Number(fs.readFileSync(this.idFile, 'utf8')) || 1000 : 1000;
  }

  allocateProducerId(): number {
    const id = this.nextProducerId++;
    fs.writeFileSync(`${this.idFile}.tmp`, String(this.nextProducerId));
    fs.renameSync(`${this.idFile}.tmp`, this.idFile);
    return id;
  }

  private key(topic: string, partition: number): string {
    return `${topic}\u0000${partition}`;
  }

  check(topic: string, partition: number, header: RecordBatchHeader): SequenceCheck {
    if (header.producerId < 0) return { kind: 'append' };
    const entry = this.partitions.get(this.key(topic, partition))?.get(header.producerId);
    // No memory of this producer here (new, or its state aged out): accept, as Kafka does since KIP-360.
    if (!entry) return { kind: 'append' };
    if (header.producerEpoch < entry.epoch) {
      return { kind: 'reject', error: KafkaError.INVALID_PRODUCER_EPOCH, message: `epoch ${header.producerEpoch} is older than ${entry.epoch}` };
    }
    if (header.producerEpoch > entry.epoch) {
      return header.baseSequence === 0
        ? { kind: 'append' }
        : { kind: 'reject', error: KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER, message: `new epoch must start at sequence 0, got ${header.baseSequence}` };
    }
    const lastSequence = (header.baseSequence + header.lastOffsetDelta) % SEQUENCE_WRAP;
    const duplicate = entry.recent.find((memo) => memo.firstSequence === header.baseSequence && memo.lastSequence === lastSequence);
    if (duplicate) return { kind: 'duplicate', baseOffset: duplicate.baseOffset };
    const expected = (entry.lastSequence + 1) % SEQUENCE_WRAP;
    if (header.baseSequence !== expected) {
      return {
        kind: 'reject',
        error: KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER,
        message: `expected sequence ${expected} from producer ${header.producerId}, got ${header.baseSequence}`,
      };
    }
    return { kind: 'append' };
  }

  record(topic: string, partition: number, header: RecordBatchHeader, baseOffset: number): void {
    if (header.producerId < 0) return;
    const key = this.key(topic, partition);
    let producers = this.partitions.get(key);
    if (!producers) {
      producers = new Map();
      this.partitions.set(key, producers);
    }
    let entry = producers.get(header.producerId);
    if (!entry || header.producerEpoch > entry.epoch) {
      entry = { epoch: header.producerEpoch, lastSequence: -1, recent: [] };
      producers.set(header.producerId, entry);
    }
    entry.lastSequence = (header.baseSequence + header.lastOffsetDelta) % SEQUENCE_WRAP;
    entry.recent.push({ firstSequence: header.baseSequence, lastSequence: entry.lastSequence, baseOffset });
    if (entry.recent.length > RECENT_BATCHES) entry.recent.shift();
    if (header.producerId >= this.nextProducerId) this.nextProducerId = header.producerId + 1;
  }

  forgetTopic(topic: string): void {
    for (const key of this.partitions.keys()) if (key.startsWith(`${topic}\u0000`)) this.partitions.delete(key);
  }
}
