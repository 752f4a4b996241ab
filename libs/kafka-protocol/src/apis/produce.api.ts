import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * Produce (key 0), versions 3-7 (v3 is the first to carry RecordBatch v2).
 *
 * Request
 *   transactional_id  nullable_string
 *   acks              int16   0 none, 1 leader, -1 all in-sync replicas
 *   timeout_ms        int32
 *   topic_data        array of
 *     name string,
 *     partition_data array of index int32, records nullable_bytes (record batches)
 *
 * Response
 *   responses         array of
 *     name string,
 *     partition_responses array of
 *       index int32, error_code int16, base_offset int64,
 *       log_append_time_ms int64 (v2+, -1 with CreateTime),
 *       log_start_offset int64 (v5+)
 *   throttle_time_ms  int32
 */
export interface ProducePartitionData {
  readonly index: number;
  readonly records: Buffer | null;
}

export interface ProduceTopicData {
  readonly name: string;
  readonly partitions: readonly ProducePartitionData[];
}

export interface ProduceRequest {
  readonly transactionalId: string | null;
  readonly acks: number;
  readonly timeoutMs: number;
  readonly topics: readonly ProduceTopicData[];
}

export interface ProducePartitionResponse {
  readonly index: number;
  readonly errorCode: number;
  readonly baseOffset: number;
  readonly logAppendTimeMs: number;
  readonly logStartOffset: number;
}

export interface ProduceTopicResponse {
  readonly name: string;
  readonly partitions: readonly ProducePartitionResponse[];
}

export interface ProduceResponse {
  readonly topics: readonly ProduceTopicResponse[];
  readonly throttleTimeMs: number;
}

export const produceApi: ApiDefinition<ProduceRequest, ProduceResponse> = {
  key: ApiKey.Produce,
  name: 'Produce',
  minVersion: 3,
  maxVersion: 7,

  decodeRequest(reader) {
    return {
      transactionalId: reader.nullableString(),
      acks: reader.int16(),
      timeoutMs: reader.int32(),
      topics: reader.array((r) => ({
        name: r.string(),
        partitions: r.array((p) => ({ index: p.int32(), records: p.nullableBytes() })),
      })),
    };
  },

  encodeResponse(writer, version, response) {
    writer.array(response.topics, (w, topic) => {
      w.string(topic.name).array(topic.partitions, (pw, partition) => {
        pw.int32(partition.index).int16(partition.errorCode).int64(partition.baseOffset).int64(partition.logAppendTimeMs);
        if (version >= 5) pw.int64(partition.logStartOffset);
      });
    });
    writer.int32(response.throttleTimeMs);
  },
};
