import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';
import type { Reader } from '../primitives/reader';

/**
 * OffsetFetch (key 9), versions 0-4 (v0 and v1 share one wire format).
 *
 * Request
 *   group_id  string
 *   topics    array of name string, partition_indexes array of int32
 *             (nullable from v2: null asks for every committed partition of the group)
 *
 * Response
 *   throttle_time_ms  int32  v3+
 *   topics            array of
 *     name string,
 *     partitions array of
 *       partition_index int32, committed_offset int64 (-1 if none),
 *       metadata nullable_string, error_code int16
 *   error_code        int16  v2+
 */
export interface OffsetFetchRequest {
  readonly groupId: string;
  readonly topics: readonly { readonly name: string; readonly partitionIndexes: readonly number[] }[] | null;
}

export interface OffsetFetchPartition {
  readonly partitionIndex: number;
  readonly committedOffset: number;
  readonly metadata: string | null;
  readonly errorCode: number;
}

export interface OffsetFetchResponse {
  readonly throttleTimeMs: number;
  readonly topics: readonly { readonly name: string; readonly partitions: readonly OffsetFetchPartition[] }[];
  readonly errorCode: number;
}

export const offsetFetchApi: ApiDefinition<OffsetFetchRequest, OffsetFetchResponse> = {
  key: ApiKey.OffsetFetch,
  name: 'OffsetFetch',
  minVersion: 0,
  maxVersion: 4,

  decodeRequest(reader, version) {
    const groupId = reader.string();
    const readTopic = (r: Reader) => ({ name: r.string(), partitionIndexes: r.int32Array() });
    // Null ("every committed partition") is only part of the grammar from v2 on.
    return { groupId, topics: version >= 2 ? reader.nullableArray(readTopic) : reader.array(readTopic) };
  },

  encodeResponse(writer, version, response) {
    if (version >= 3) writer.int32(response.throttleTimeMs);
    writer.array(response.topics, (w, topic) => {
      w.string(topic.name).array(topic.partitions, (pw, partition) => {
        pw.int32(partition.partitionIndex).int64(partition.committedOffset);
        pw.nullableString(partition.metadata).int16(partition.errorCode);
      });
    });
    if (version >= 2) writer.int16(response.errorCode);
  },
};
