import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * CreatePartitions (key 37), versions 0-1.
 *
 * Request
 *   topics         array of
 *     name string, count int32 (new total),
 *     assignments nullable array of broker_ids array of int32
 *   timeout_ms     int32
 *   validate_only  bool
 *
 * Response
 *   throttle_time_ms  int32
 *   results           array of name string, error_code int16, error_message nullable_string
 */
export interface CreatePartitionsRequest {
  readonly topics: readonly { readonly name: string; readonly count: number }[];
  readonly timeoutMs: number;
  readonly validateOnly: boolean;
}

export interface CreatePartitionsResponse {
  readonly throttleTimeMs: number;
  readonly results: readonly { readonly name: string; readonly errorCode: number; readonly errorMessage: string | null }[];
}

export const createPartitionsApi: ApiDefinition<CreatePartitionsRequest, CreatePartitionsResponse> = {
  key: ApiKey.CreatePartitions,
  name: 'CreatePartitions',
  minVersion: 0,
  maxVersion: 1,

  decodeRequest(reader) {
    const topics = reader.array((r) => {
      const name = r.string();
      const count = r.int32();
      r.nullableArray((a) => a.int32Array());
      return { name, count };
    });
    return { topics, timeoutMs: reader.int32(), validateOnly: reader.bool() };
  },

  encodeResponse(writer, _version, response) {
    writer.int32(response.throttleTimeMs);
    writer.array(response.results, (w, result) => {
      w.string(result.name).int16(result.errorCode).nullableString(result.errorMessage);
    });
  },
};
