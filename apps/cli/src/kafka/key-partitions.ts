import { Partitioners } from 'kafkajs';

/**
 * The partitions `keys` land on, by the producers' own partitioner: every Touchpoint producer
 * uses kafkajs's default (murmur2 of the key, as the Java client), so a key's messages are on
 * exactly one of these.
 */
export function partitionsForKeys(topic: string, partitionCount: number, keys: Iterable<string>): number[] {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitionCount }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
  const chosen = new Set<number>();
  for (const key of keys) chosen.add(partitioner({ topic, partitionMetadata, message: { key, value: null } }));
  return [...chosen].sort((a, b) => a - b);
}
