import { ApiKey, EARLIEST_TIMESTAMP, KafkaError, LATEST_TIMESTAMP, type ListOffsetsPartitionResponse } from '@touchpoint/kafka-protocol';
import type { BrokerContext, Handler } from '../broker-context';

export function listOffsetsHandler(broker: BrokerContext): Handler<ApiKey.ListOffsets> {
  return (request) => ({
    throttleTimeMs: 0,
    topics: request.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map(({ partitionIndex, timestamp }): ListOffsetsPartitionResponse => {
        const log = broker.topics.partition(topic.name, partitionIndex);
        if (!log) return { partitionIndex, errorCode: KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code, timestamp: -1, offset: -1 };
        if (timestamp === LATEST_TIMESTAMP) return { partitionIndex, errorCode: 0, timestamp: -1, offset: log.logEndOffset };
        if (timestamp === EARLIEST_TIMESTAMP) return { partitionIndex, errorCode: 0, timestamp: -1, offset: log.logStartOffset };
        if (timestamp < 0) return { partitionIndex, errorCode: KafkaError.INVALID_REQUEST.code, timestamp: -1, offset: -1 };
        // No record at or after the timestamp: Kafka answers offset -1, and clients fall back to the end.
        const found = log.offsetForTimestamp(timestamp);
        return { partitionIndex, errorCode: 0, timestamp: found?.timestamp ?? -1, offset: found?.offset ?? -1 };
      }),
    })),
  });
}
