import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * Fetch (key 1), versions 4-11.
 *
 * Request
 *   replica_id        int32   (-1 for consumers)
 *   max_wait_ms       int32
 *   min_bytes         int32
 *   max_bytes         int32
 *   isolation_level   int8    0 read_uncommitted, 1 read_committed
 *   session_id        int32   v7+ (0 and epoch -1: no incremental session)
 *   session_epoch     int32   v7+
 *   topics            array of
 *     topic string,
 *     partitions array of
 *       partition int32, current_leader_epoch int32 (v9+), fetch_offset int64,
 *       log_start_offset int64 (v5+), partition_max_bytes int32
 *   forgotten_topics_data array of topic string, partitions array of int32   v7+
 *   rack_id           string  v11+
 *
 * Response
 *   throttle_time_ms  int32
 *   error_code        int16   v7+
 *   session_id        int32   v7+
 *   responses         array of
 *     topic string,
 *     partitions array of
 *       partition_index int32, error_code int16, high_watermark int64,
 *       last_stable_offset int64, log_start_offset int64 (v5+),
 *       aborted_transactions nullable array of producer_id int64, first_offset int64,
 *       preferred_read_replica int32 (v11+),
 *       records nullable_bytes
 */
export interface FetchPartitionRequest {
  readonly partition: number;
  readonly fetchOffset: number;
  readonly partitionMaxBytes: number;
}

export interface FetchTopicRequest {
  readonly topic: string;
  readonly partitions: readonly FetchPartitionRequest[];
}

export interface FetchRequest {
  readonly replicaId: number;
  readonly maxWaitMs: number;
  readonly minBytes: number;
  readonly maxBytes: number;
  readonly isolationLevel: number;
  readonly sessionId: number;
  readonly sessionEpoch: number;
  readonly topics: readonly FetchTopicRequest[];
}

export interface FetchPartitionResponse {
  readonly partitionIndex: number;
  readonly errorCode: number;
  readonly highWatermark: number;
  readonly lastStableOffset: number;
  readonly logStartOffset: number;
  /** Whole record batches, served from the log without copying. */
  readonly records: readonly Buffer[] | null;
}

export interface FetchTopicResponse {
  readonly topic: string;
  readonly partitions: readonly FetchPartitionResponse[];
}

export interface FetchResponse {
  readonly throttleTimeMs: number;
  readonly errorCode: number;
  readonly sessionId: number;
  readonly topics: readonly FetchTopicResponse[];
}

export const fetchApi: ApiDefinition<FetchRequest, FetchResponse> = {
  key: ApiKey.Fetch,
  name: 'Fetch',
  minVersion: 4,
  maxVersion: 11,

  decodeRequest(reader, version) {
    const replicaId = reader.int32();
    const maxWaitMs = reader.int32();
    const minBytes = reader.int32();
    const maxBytes = reader.int32();
    const isolationLevel = reader.int8();
    const sessionId = version >= 7 ? reader.int32() : 0;
    const sessionEpoch = version >= 7 ? reader.int32() : -1;
    const topics = reader.array((r) => ({
      topic: r.string(),
      partitions: r.array((p) => {
        const partition = p.int32();
        if (version >= 9) p.int32();
        const fetchOffset = p.int64();
        if (version >= 5) p.int64();
        return { partition, fetchOffset, partitionMaxBytes: p.int32() };
      }),
    }));
    if (version >= 7) reader.array((r) => ({ topic: r.string(), partitions: r.int32Array() }));
    if (version >= 11) reader.string();
    return { replicaId, maxWaitMs, minBytes, maxBytes, isolationLevel, sessionId, sessionEpoch, topics };
  },

  encodeResponse(writer, version, response) {
    writer.int32(response.throttleTimeMs);
    if (version >= 7) writer.int16(response.errorCode).int32(response.sessionId);
    writer.array(response.topics, (w, topic) => {
      w.string(topic.topic).array(topic.partitions, (pw, partition) => {
        pw.int32(partition.partitionIndex).int16(partition.errorCode).int64(partition.highWatermark).int64(partition.lastStableOffset);
        if (version >= 5) pw.int64(partition.logStartOffset);
        pw.nullableArray(null, () => undefined);
        if (version >= 11) pw.int32(-1);
        pw.bytesFromChunks(partition.records);
      });
    });
  },
};
