import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * DeleteRecords (key 21), versions 0-1 (KIP-107). v1 only changes quota behaviour
 * (throttling before the response, KIP-219); its bytes are those of v0.
 *
 * Request
 *   topics      array of
 *     name        string
 *     partitions  array of partition_index int32, offset int64
 *                 (the new log start offset; -1 means the high watermark)
 *   timeout_ms  int32
 *
 * Response
 *   throttle_time_ms  int32
 *   topics            array of
 *     name        string
 *     partitions  array of partition_index int32, low_watermark int64, error_code int16
 *                 (low_watermark is -1 on an error)
 */
export const DELETE_TO_HIGH_WATERMARK = -1;

export interface DeleteRecordsRequest {
  readonly topics: readonly {
    readonly name: string;
    readonly partitions: readonly { readonly partitionIndex: number; readonly offset: number }[];
  }[];
  readonly timeoutMs: number;
}

export interface DeleteRecordsPartitionResult {
  readonly partitionIndex: number;
  readonly lowWatermark: number;
  readonly errorCode: number;
}

export interface DeleteRecordsResponse {
  readonly throttleTimeMs: number;
  readonly topics: readonly { readonly name: string; readonly partitions: readonly DeleteRecordsPartitionResult[] }[];
}

export const deleteRecordsApi: ApiDefinition<DeleteRecordsRequest, DeleteRecordsResponse> = {
  key: ApiKey.DeleteRecords,
  name: 'DeleteRecords',
  minVersion: 0,
  maxVersion: 1,

  decodeRequest(reader) {
    const topics = reader.array((r) => ({
      name: r.string(),
      partitions: r.array((p) => ({ partitionIndex: p.int32(), offset: p.int64() })),
    }));
    return { topics, timeoutMs: reader.int32() };
  },

  encodeResponse(writer, _version, response) {
    writer.int32(response.throttleTimeMs);
    writer.array(response.topics, (w, topic) => {
      w.string(topic.name).array(topic.partitions, (pw, partition) => {
        pw.int32(partition.partitionIndex).int64(partition.lowWatermark).int16(partition.errorCode);
      });
    });
  },
};
