import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * ListOffsets (key 2), versions 1-3.
 *
 * Request
 *   replica_id       int32
 *   isolation_level  int8    v2+
 *   topics           array of
 *     name string,
 *     partitions array of partition_index int32, timestamp int64
 *                        (-1 latest, -2 earliest, otherwise the first offset at or after it)
 *
 * Response
 *   throttle_time_ms int32   v2+
 *   topics           array of
 *     name string,
 *     partitions array of partition_index int32, error_code int16, timestamp int64, offset int64
 */
export const LATEST_TIMESTAMP = -1;
export const EARLIEST_TIMESTAMP = -2;

export interface ListOffsetsRequest {
  readonly replicaId: number;
  readonly isolationLevel: number;
  readonly topics: readonly { readonly name: string; readonly partitions: readonly { readonly partitionIndex: number; readonly timestamp: number }[] }[];
}

export interface ListOffsetsPartitionResponse {
  readonly partitionIndex: number;
  readonly errorCode: number;
  readonly timestamp: number;
  readonly offset: number;
}

export interface ListOffsetsResponse {
  readonly throttleTimeMs: number;
  readonly topics: readonly { readonly name: string; readonly partitions: readonly ListOffsetsPartitionResponse[] }[];
}

export const listOffsetsApi: ApiDefinition<ListOffsetsRequest, ListOffsetsResponse> = {
  key: ApiKey.ListOffsets,
  name: 'ListOffsets',
  minVersion: 1,
  maxVersion: 3,

  decodeRequest(reader, version) {
    const replicaId = reader.int32();
    const isolationLevel = version >= 2 ? reader.int8() : 0;
    const topics = reader.array((r) => ({
      name: r.string(),
      partitions: r.array((p) => ({ partitionIndex: p.int32(), timestamp: p.int64() })),
    }));
    return { replicaId, isolationLevel, topics };
  },

  encodeResponse(writer, version, response) {
    if (version >= 2) writer.int32(response.throttleTimeMs);
    writer.array(response.topics, (w, topic) => {
      w.string(topic.name).array(topic.partitions, (pw, partition) => {
        pw.int32(partition.partitionIndex).int16(partition.errorCode).int64(partition.timestamp).int64(partition.offset);
      });
    });
  },
};
