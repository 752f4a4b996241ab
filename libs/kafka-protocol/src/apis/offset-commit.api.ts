import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * OffsetCommit (key 8), versions 0-5.
 *
 * Request
 *   group_id                     string
 *   generation_id                int32   v1+ (-1: commit outside group management)
 *   member_id                    string  v1+
 *   retention_time_ms            int64   v2-v4 (ignored, as Kafka ignores it since 2.1)
 *   topics                       array of
 *     name string,
 *     partitions array of
 *       partition_index int32, committed_offset int64,
 *       commit_timestamp int64 (v1 only), committed_metadata nullable_string
 *
 * Response
 *   throttle_time_ms  int32  v3+
 *   topics            array of name string, partitions array of partition_index int32, error_code int16
 */
export interface OffsetCommitPartition {
  readonly partitionIndex: number;
  readonly committedOffset: number;
  readonly committedMetadata: string | null;
}

export interface OffsetCommitRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly topics: readonly { readonly name: string; readonly partitions: readonly OffsetCommitPartition[] }[];
}

export interface OffsetCommitResponse {
  readonly throttleTimeMs: number;
  readonly topics: readonly {
    readonly name: string;
    readonly partitions: readonly { readonly partitionIndex: number; readonly errorCode: number }[];
  }[];
}

export const offsetCommitApi: ApiDefinition<OffsetCommitRequest, OffsetCommitResponse> = {
  key: ApiKey.OffsetCommit,
  name: 'OffsetCommit',
  minVersion: 0,
  maxVersion: 5,

  decodeRequest(reader, version) {
    const groupId = reader.string();
    const generationId = version >= 1 ? reader.int32() : -1;
    const memberId = version >= 1 ? reader.string() : '';
    if (version >= 2 && version <= 4) reader.int64();
    const topics = reader.array((r) => ({
      name: r.string(),
      partitions: r.array((p) => {
        const partitionIndex = p.int32();
        const committedOffset = p.int64();
        if (version === 1) p.int64();
        return { partitionIndex, committedOffset, committedMetadata: p.nullableString() };
      }),
    }));
    return { groupId, generationId, memberId, topics };
  },

  encodeResponse(writer, version, response) {
    if (version >= 3) writer.int32(response.throttleTimeMs);
    writer.array(response.topics, (w, topic) => {
      w.string(topic.name).array(topic.partitions, (pw, partition) => {
        pw.int32(partition.partitionIndex).int16(partition.errorCode);
      });
    });
  },
};
