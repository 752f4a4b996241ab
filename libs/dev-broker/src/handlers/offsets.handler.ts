import { ApiKey, KafkaError, type OffsetFetchPartition } from '@touchpoint/kafka-protocol';
import type { BrokerContext, Handler } from '../broker-context';

/** Kafka's offset.metadata.max.bytes default. */
const MAX_OFFSET_METADATA_BYTES = 4096;

export function offsetCommitHandler(broker: BrokerContext): Handler<ApiKey.OffsetCommit> {
  return (request) => {
    const group = broker.groups.find(request.groupId);
    const membershipError =
      request.groupId === ''
        ? KafkaError.INVALID_GROUP_ID
        : group
          ? group.commitError(request.memberId, request.generationId)
          : request.generationId >= 0
            ? KafkaError.UNKNOWN_MEMBER_ID
            : null;
    const accepted: { topic: string; partition: number; offset: number; metadata: string | null }[] = [];
    const topics = request.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map((partition) => {
        let error = membershipError;
        if (!error && !broker.topics.partition(topic.name, partition.partitionIndex)) error = KafkaError.UNKNOWN_TOPIC_OR_PARTITION;
        if (!error && partition.committedMetadata !== null && Buffer.byteLength(partition.committedMetadata) > MAX_OFFSET_METADATA_BYTES) {
          error = KafkaError.OFFSET_METADATA_TOO_LARGE;
        }
        if (!error) {
          accepted.push({ topic: topic.name, partition: partition.partitionIndex, offset: partition.committedOffset, metadata: partition.committedMetadata });
        }
        return { partitionIndex: partition.partitionIndex, errorCode: (error ?? KafkaError.NONE).code };
      }),
    }));
    // Persisted before the answer goes out: an acknowledged commit survives a crash.
    if (accepted.length > 0) broker.groups.offsets.commit(request.groupId, accepted);
    return { throttleTimeMs: 0, topics };
  };
}

export function offsetFetchHandler(broker: BrokerContext): Handler<ApiKey.OffsetFetch> {
  return (request) => {
    const { offsets } = broker.groups;
    const describe = (topic: string, partitionIndex: number): OffsetFetchPartition => {
      const committed = offsets.get(request.groupId, topic, partitionIndex);
      return { partitionIndex, committedOffset: committed?.offset ?? -1, metadata: committed?.metadata ?? '', errorCode: 0 };
    };
    const topics =
      request.topics === null
        ? [...offsets.all(request.groupId)].map(([name, partitions]) => ({
            name,
            partitions: partitions.map(({ partition }) => describe(name, partition)),
          }))
        : request.topics.map((topic) => ({ name: topic.name, partitions: topic.partitionIndexes.map((p) => describe(topic.name, p)) }));
    return { throttleTimeMs: 0, topics, errorCode: 0 };
  };
}
