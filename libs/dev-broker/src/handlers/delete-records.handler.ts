import { ApiKey, DELETE_TO_HIGH_WATERMARK, type DeleteRecordsPartitionResult, KafkaError } from '@touchpoint/kafka-protocol';
import type { BrokerContext, Handler } from '../broker-context';

/**
 * DeleteRecords moves each partition's log start offset forward, as Apache Kafka does:
 * -1 stands for the high watermark, an offset past it (or another negative one) is
 * OFFSET_OUT_OF_RANGE, one below the current start changes nothing and answers the
 * current start, and a topic whose cleanup.policy lacks `delete` refuses with POLICY_VIOLATION.
 */
export function deleteRecordsHandler(broker: BrokerContext): Handler<ApiKey.DeleteRecords> {
  return (request) => ({
    throttleTimeMs: 0,
    topics: request.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map(({ partitionIndex, offset }): DeleteRecordsPartitionResult => {
        const failed = (error: { readonly code: number }): DeleteRecordsPartitionResult => ({ partitionIndex, lowWatermark: -1, errorCode: error.code });
        const log = broker.topics.partition(topic.name, partitionIndex);
        if (!log) return failed(KafkaError.UNKNOWN_TOPIC_OR_PARTITION);
        if (!log.config.cleanupPolicy.delete) return failed(KafkaError.POLICY_VIOLATION);
        const target = offset === DELETE_TO_HIGH_WATERMARK ? log.logEndOffset : offset;
        if (target < 0 || target > log.logEndOffset) return failed(KafkaError.OFFSET_OUT_OF_RANGE);
        const lowWatermark = log.deleteRecordsBefore(target);
        broker.options.logger.info({ topic: topic.name, partition: partitionIndex, logStartOffset: lowWatermark }, 'deleted records');
        return { partitionIndex, lowWatermark, errorCode: KafkaError.NONE.code };
      }),
    })),
  });
}
