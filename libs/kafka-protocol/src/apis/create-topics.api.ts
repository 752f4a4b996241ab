import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * CreateTopics (key 19), versions 0-3.
 *
 * Request
 *   topics         array of
 *     name string, num_partitions int32 (-1: broker default), replication_factor int16 (-1: default),
 *     assignments array of partition_index int32, broker_ids array of int32,
 *     configs array of name string, value nullable_string
 *   timeout_ms     int32
 *   validate_only  bool   v1+
 *
 * Response
 *   throttle_time_ms  int32  v2+
 *   topics            array of name string, error_code int16, error_message nullable_string (v1+)
 */
export interface CreatableTopic {
  readonly name: string;
  readonly numPartitions: number;
  readonly replicationFactor: number;
  readonly assignments: readonly { readonly partitionIndex: number; readonly brokerIds: readonly number[] }[];
  readonly configs: readonly { readonly name: string; readonly value: string | null }[];
}

export interface CreateTopicsRequest {
  readonly topics: readonly CreatableTopic[];
  readonly timeoutMs: number;
  readonly validateOnly: boolean;
}

export interface CreateTopicsResponse {
  readonly throttleTimeMs: number;
  readonly topics: readonly { readonly name: string; readonly errorCode: number; readonly errorMessage: string | null }[];
}

export const createTopicsApi: ApiDefinition<CreateTopicsRequest, CreateTopicsResponse> = {
  key: ApiKey.CreateTopics,
  name: 'CreateTopics',
  minVersion: 0,
  maxVersion: 3,

  decodeRequest(reader, version) {
    const topics = reader.array((r) => ({
      name: r.string(),
      numPartitions: r.int32(),
      replicationFactor: r.int16(),
      assignments: r.array((a) => ({ partitionIndex: a.int32(), brokerIds: a.int32Array() })),
      configs: r.array((c) => ({ name: c.string(), value: c.nullableString() })),
    }));
    const timeoutMs = reader.int32();
    const validateOnly = version >= 1 ? reader.bool() : false;
    return { topics, timeoutMs, validateOnly };
  },

  encodeResponse(writer, version, response) {
    if (version >= 2) writer.int32(response.throttleTimeMs);
    writer.array(response.topics, (w, topic) => {
      w.string(topic.name).int16(topic.errorCode);
      if (version >= 1) w.nullableString(topic.errorMessage);
    });
  },
};
