import { type ICustomPartitioner, Partitioners, type PartitionerArgs } from 'kafkajs';

/** Bounds the remembered keys, so a stream of distinct keys cannot grow the map without end. */
const MAX_KEYS = 10_000;

/**
 * kafkajs's default partitioner (murmur2 of the key, as the Java client), remembering each
 * string key's partition per partition count. A batch of one visitor's events shares one key,
 * and kafkajs hashes every message with 64-bit arithmetic emulated on Numbers, after
 * filtering the partition list per message; this answers the repeats from memory. Messages
 * without a string key, or with a partition of their own, go to the default partitioner.
 */
export const cachedKeyPartitioner: ICustomPartitioner = () => {
  const partitioner = Partitioners.DefaultPartitioner();
  const known = new Map<string, number>();
  return (args: PartitionerArgs) => {
    const { key, partition } = args.message;
    if ((partition !== undefined && partition !== null) || typeof key !== 'string') return partitioner(args);
    const memo = `${args.partitionMetadata.length}:${key}`;
    const cached = known.get(memo);
    if (cached !== undefined) return cached;
    const chosen = partitioner(args);
    if (known.size >= MAX_KEYS) known.clear();
    known.set(memo, chosen);
    return chosen;
  };
};
