import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeRecordBatch, KafkaError, readBatchHeader, type RecordBatchHeader } from '@touchpoint/kafka-protocol';
import { ProducerState, type SequenceCheck } from './producer-state';

const PID = 1234;

function header(baseSequence: number, count: number, producerEpoch = 0, producerId = PID): RecordBatchHeader {
  const records = Array.from({ length: count }, (_, i) => ({ value: Buffer.from(`v${baseSequence + i}`) }));
  return readBatchHeader(encodeRecordBatch(records, { producerId, producerEpoch, baseSequence }));
}

function rejection(check: SequenceCheck): number | null {
  return check.kind === 'reject' ? check.error.code : null;
}

describe('ProducerState', () => {
  let dataDir: string;
  let state: ProducerState;
  let nextOffset: number;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'producer-state-'));
    state = new ProducerState(dataDir);
    nextOffset = 0;
  });

  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Checks a batch and, when it is accepted, records it the way the produce path does. */
  function produce(batch: RecordBatchHeader, partition = 0): SequenceCheck {
    const check = state.check('t', partition, batch);
    if (check.kind === 'append') {
      state.record('t', partition, batch, nextOffset);
      nextOffset += batch.lastOffsetDelta + 1;
    }
    return check;
  }

  it('accepts anything from a non-idempotent producer', () => {
    const plain = readBatchHeader(encodeRecordBatch([{ value: Buffer.from('x') }]));
    expect(plain.producerId).toBe(-1);
    expect(produce(plain)).toEqual({ kind: 'append' });
    expect(produce(plain)).toEqual({ kind: 'append' });
  });

  it('accepts in-order sequences', () => {
    expect(produce(header(0, 3))).toEqual({ kind: 'append' });
    expect(produce(header(3, 1))).toEqual({ kind: 'append' });
    expect(produce(header(4, 5))).toEqual({ kind: 'append' });
    expect(nextOffset).toBe(9);
  });

  it('answers an exact retry of one of the last 5 batches as a duplicate with its original base offset', () => {
    const baseOffsets: number[] = [];
    let sequence = 0;
    for (let i = 0; i < 6; i++) {
      baseOffsets.push(nextOffset);
      expect(produce(header(sequence, 2))).toEqual({ kind: 'append' });
      sequence += 2;
    }
    expect(baseOffsets).toEqual([0, 2, 4, 6, 8, 10]);

    for (let i = 1; i < 6; i++) {
      expect(state.check('t', 0, header(i * 2, 2))).toEqual({ kind: 'duplicate', baseOffset: baseOffsets[i] });
    }
    // The sixth batch back is no longer remembered: it is out of order, not a duplicate.
    expect(rejection(state.check('t', 0, header(0, 2)))).toBe(KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER.code);
    // Same first sequence but a different batch shape is not an exact retry.
    expect(rejection(state.check('t', 0, header(10, 1)))).toBe(KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER.code);
    // A duplicate leaves the expected next sequence unchanged.
    expect(produce(header(12, 1))).toEqual({ kind: 'append' });
  });

  it('rejects a sequence gap with OUT_OF_ORDER_SEQUENCE_NUMBER', () => {
    produce(header(0, 3));
    const check = state.check('t', 0, header(4, 1));
    expect(rejection(check)).toBe(45);
    expect(check.kind === 'reject' ? check.message : '').toMatch(/expected sequence 3/);
    expect(produce(header(3, 1))).toEqual({ kind: 'append' });
  });

  it('rejects an older epoch with INVALID_PRODUCER_EPOCH and accepts a new epoch starting at 0', () => {
    produce(header(0, 2, 1));
    expect(rejection(state.check('t', 0, header(2, 1, 0)))).toBe(47);
    expect(rejection(state.check('t', 0, header(5, 1, 2)))).toBe(KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER.code);

    expect(produce(header(0, 1, 2))).toEqual({ kind: 'append' });
    expect(produce(header(1, 1, 2))).toEqual({ kind: 'append' });
    // The old epoch is fenced now, and the new one is not confused with its old batches.
    expect(rejection(state.check('t', 0, header(2, 1, 1)))).toBe(KafkaError.INVALID_PRODUCER_EPOCH.code);
    expect(rejection(state.check('t', 0, header(0, 2, 2)))).toBe(KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER.code);
  });

  it('continues from sequence 0 after the sequence number wraps at 2^31', () => {
    const last = 2 ** 31 - 1;
    expect(produce(header(last - 1, 1))).toEqual({ kind: 'append' });
    expect(produce(header(last, 1))).toEqual({ kind: 'append' });
    expect(rejection(state.check('t', 0, header(1, 1)))).toBe(KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER.code);
    expect(produce(header(0, 2))).toEqual({ kind: 'append' });
    expect(produce(header(2, 1))).toEqual({ kind: 'append' });
  });

  it('keeps sequences per partition and forgets a deleted topic', () => {
    produce(header(0, 5), 0);
    expect(produce(header(40, 1), 1)).toEqual({ kind: 'append' });
    expect(rejection(state.check('t', 0, header(40, 1)))).toBe(KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER.code);
    state.forgetTopic('t');
    expect(state.check('t', 0, header(40, 1))).toEqual({ kind: 'append' });
  });

  it('allocates producer ids that persist across instances on the same data dir', () => {
    expect(state.allocateProducerId()).toBe(1000);
    expect(state.allocateProducerId()).toBe(1001);
    const reopened = new ProducerState(dataDir);
    expect(reopened.allocateProducerId()).toBe(1002);
    expect(new ProducerState(dataDir).allocateProducerId()).toBe(1003);

    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'producer-state-other-'));
    try {
      expect(new ProducerState(elsewhere).allocateProducerId()).toBe(1000);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('never hands out an id already seen in the log', () => {
    state.record('t', 0, header(0, 1, 0, 5000), 0);
    expect(state.allocateProducerId()).toBe(5001);
    expect(new ProducerState(dataDir).allocateProducerId()).toBe(5002);
  });
});
