import { Partitioners } from 'kafkajs';

const defaultPartitioner = Partitioners.DefaultPartitioner();

/**
 * The partition kafkajs's default partitioner (Java client compatible murmur2) gives a key on
 * a topic of `partitionCount` partitions: what producers without an explicit partition do, so
 * a reader can tell which partition holds a key without reading the others.
 */
export function partitionOf(topic: string, key: string, partitionCount: number): number {
  const partitionMetadata = Array.from({ length: partitionCount }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
  return defaultPartitioner({ topic, partitionMetadata, message: { key, value: null } });
}
