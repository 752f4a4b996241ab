import { Partitioners, type PartitionerArgs } from 'kafkajs';
import { cachedKeyPartitioner } from './key-partitioner';

const metadata = (count: number) => Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
const args = (key: string | Buffer | null, count: number, partition?: number): PartitionerArgs => ({ topic: 't', partitionMetadata: metadata(count), message: { key, value: 'v', partition } });

describe('cachedKeyPartitioner', () => {
  it('gives every key the partition kafkajs gives it, asked once or again, for any partition count', () => {
    const cached = cachedKeyPartitioner();
    const reference = Partitioners.DefaultPartitioner();
    for (const count of [1, 3, 4, 12]) {
      for (let i = 0; i < 200; i += 1) {
        const key = `anonymousId:visitor-${i}`;
        expect(cached(args(key, count))).toBe(reference(args(key, count)));
        expect(cached(args(key, count))).toBe(reference(args(key, count)));
      }
    }
  });

  it('keeps an explicit partition and hashes Buffer keys as kafkajs does', () => {
    const cached = cachedKeyPartitioner();
    const reference = Partitioners.DefaultPartitioner();
    expect(cached(args('k', 4, 3))).toBe(3);
    expect(cached(args(Buffer.from('k-buffer'), 4))).toBe(reference(args(Buffer.from('k-buffer'), 4)));
  });
});
