import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * DeleteTopics (key 20), versions 0-1.
 *
 * Request
 *   topic_names  array of string
 *   timeout_ms   int32
 *
 * Response
 *   throttle_time_ms  int32  v1+
 *   responses         array of name string, error_code int16
 */
export interface DeleteTopicsRequest {
  readonly topicNames: readonly string[];
  readonly timeoutMs: number;
}

export interface DeleteTopicsResponse {
  readonly throttleTimeMs: number;
  readonly responses: readonly { readonly name: string; readonly errorCode: number }[];
}

export const deleteTopicsApi: ApiDefinition<DeleteTopicsRequest, DeleteTopicsResponse> = {
  key: ApiKey.DeleteTopics,
  name: 'DeleteTopics',
  minVersion: 0,
  maxVersion: 1,

  decodeRequest(reader) {
    return { topicNames: reader.array((r) => r.string()), timeoutMs: reader.int32() };
  },

  encodeResponse(writer, version, response) {
    if (version >= 1) writer.int32(response.throttleTimeMs);
    writer.array(response.responses, (w, result) => {
      w.string(result.name).int16(result.errorCode);
    });
  },
};
