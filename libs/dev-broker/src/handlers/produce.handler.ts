import {
  ApiKey,
  Compression,
  decodeRecordBatch,
  hasValidCrc,
  KafkaError,
  type KafkaErrorCode,
  type ProducePartitionResponse,
  ProtocolDecodeError,
  readBatchHeader,
  type RecordBatchHeader,
  recordFramingError,
  splitBatches,
} from '@touchpoint/kafka-protocol';
import { type BrokerContext, type Handler, NO_RESPONSE } from '../broker-context';
import { effectiveTopicConfig } from '../storage/topic-config';

/** Produce v7 is the first version allowed to carry zstd batches (KIP-110). */
const FIRST_ZSTD_PRODUCE_VERSION = 7;

/**
 * A compacted topic keeps the latest record per key, so a record without one is refused
 * (Kafka answers INVALID_RECORD). Checking needs the records, so only codecs the broker
 * can inflate are accepted there; the cleaner needs them inflated too.
 */
function compactedTopicError(batch: Buffer, compression: Compression, where: string): { error: KafkaErrorCode; reason: string } | null {
  if (compression !== Compression.None && compression !== Compression.Gzip) {
    return { error: KafkaError.UNSUPPORTED_COMPRESSION_TYPE, reason: `the dev broker compacts only uncompressed or gzip batches, got ${Compression[compression]}` };
  }
  if (decodeRecordBatch(batch).some((record) => record.key === null)) {
    return { error: KafkaError.INVALID_RECORD, reason: `Compacted topic cannot accept message without key in topic partition ${where}.` };
  }
  return null;
}

export function produceHandler(broker: BrokerContext): Handler<ApiKey.Produce> {
  const { topics, producers, appends, options } = broker;
  const defaults = {
    retentionMs: options.retentionMs,
    retentionBytes: options.retentionBytes,
    segmentBytes: options.segmentBytes,
    maxMessageBytes: options.maxMessageBytes,
  };

  return (request, context) => {
    const ackValid = request.acks === 0 || request.acks === 1 || request.acks === -1;
    const responses = request.topics.map((topicData) => ({
      name: topicData.name,
      partitions: topicData.partitions.map((partitionData): ProducePartitionResponse => {
        const failed = (error: KafkaErrorCode, reason: string): ProducePartitionResponse => {
          options.logger.warn({ topic: topicData.name, partition: partitionData.index, error: error.name, client: context.clientId }, reason);
          return { index: partitionData.index, errorCode: error.code, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1 };
        };
        if (!ackValid) return failed(KafkaError.INVALID_REQUIRED_ACKS, `acks must be 0, 1 or -1, got ${request.acks}`);
        if (request.transactionalId !== null) {
          return failed(KafkaError.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, 'the dev broker does not support transactions');
        }
        const topic = topics.get(topicData.name);
        const log = topic?.partitions[partitionData.index];
        if (!topic || !log) return failed(KafkaError.UNKNOWN_TOPIC_OR_PARTITION, 'produce to an unknown topic or partition');
        if (partitionData.records === null || partitionData.records.length === 0) return failed(KafkaError.CORRUPT_MESSAGE, 'empty records');

        let batches: Buffer[];
        try {
          batches = splitBatches(partitionData.records);
        } catch (error) {
          if (error instanceof ProtocolDecodeError) return failed(KafkaError.CORRUPT_MESSAGE, error.message);
          throw error;
        }
        const maxMessageBytes = Number(effectiveTopicConfig(topic.configs, defaults)['max.message.bytes']);
        const headers: RecordBatchHeader[] = [];
        for (const batch of batches) {
          if (batch.length > maxMessageBytes) {
            return failed(KafkaError.MESSAGE_TOO_LARGE, `batch of ${batch.length} bytes exceeds max.message.bytes ${maxMessageBytes}`);
          }
          const header = readBatchHeader(batch);
          if (header.magic !== 2) return failed(KafkaError.CORRUPT_MESSAGE, `record batch magic ${header.magic} is not supported`);
          if (header.compression === Compression.Zstd && context.version < FIRST_ZSTD_PRODUCE_VERSION) {
            return failed(KafkaError.UNSUPPORTED_COMPRESSION_TYPE, 'zstd needs Produce v7 or later');
          }
          if (!hasValidCrc(batch)) return failed(KafkaError.CORRUPT_MESSAGE, 'record batch CRC mismatch');
          const framingError = recordFramingError(batch);
          if (framingError) return failed(KafkaError.CORRUPT_MESSAGE, framingError);
          if (log.config.cleanupPolicy.compact) {
            const problem = compactedTopicError(batch, header.compression, `${topicData.name}-${partitionData.index}`);
            if (problem) return failed(problem.error, problem.reason);
          }
          headers.push(header);
        }

        let firstOffset = -1;
        for (let i = 0; i < batches.length; i++) {
          const check = producers.check(topicData.name, partitionData.index, headers[i]);
          if (check.kind === 'reject') return failed(check.error, check.message);
          if (check.kind === 'duplicate') {
            if (firstOffset < 0) firstOffset = check.baseOffset;
            continue;
          }
          const baseOffset = log.append([batches[i]], options.fsyncOnAck && request.acks === -1);
          producers.record(topicData.name, partitionData.index, headers[i], baseOffset);
          if (firstOffset < 0) firstOffset = baseOffset;
        }
        appends.notify(topicData.name, partitionData.index);
        return { index: partitionData.index, errorCode: KafkaError.NONE.code, baseOffset: firstOffset, logAppendTimeMs: -1, logStartOffset: log.logStartOffset };
      }),
    }));
    if (request.acks === 0) return NO_RESPONSE;
    return { topics: responses, throttleTimeMs: 0 };
  };
}
