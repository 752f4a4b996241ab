import type { KafkaMessage } from 'kafkajs';
import { mergeByTime } from './merge-by-time';
import type { ReadMessage } from './partition-reader';

const record = (partition: number, offset: number, timestamp: number): ReadMessage => ({
  topic: 't',
  partition,
  message: { offset: String(offset), timestamp: String(timestamp), key: null, value: null, attributes: 0, headers: {} } as KafkaMessage,
});

async function* stream(records: readonly ReadMessage[]): AsyncGenerator<ReadMessage> {
  for (const r of records) yield await Promise.resolve(r);
}

describe('mergeByTime', () => {
  it('interleaves partitions by timestamp, keeping each partition in offset order, ties to the earlier stream', async () => {
    const merged: string[] = [];
    const streams = [stream([record(0, 0, 10), record(0, 1, 40)]), stream([record(2, 0, 5), record(2, 1, 10), record(2, 2, 50)]), stream([])];
    for await (const r of mergeByTime(streams)) merged.push(`${r.partition}@${r.message.offset}`);
    expect(merged).toEqual(['2@0', '0@0', '2@1', '0@1', '2@2']);
  });
});
