import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * FindCoordinator (key 10), versions 0-2.
 *
 * Request
 *   key       string   group id (or transactional id)
 *   key_type  int8     v1+: 0 group, 1 transaction
 *
 * Response
 *   throttle_time_ms int32            v1+
 *   error_code       int16
 *   error_message    nullable_string  v1+
 *   node_id int32, host string, port int32
 */
export interface FindCoordinatorRequest {
  readonly key: string;
  readonly keyType: number;
}

export interface FindCoordinatorResponse {
  readonly throttleTimeMs: number;
  readonly errorCode: number;
  readonly errorMessage: string | null;
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
}

export const findCoordinatorApi: ApiDefinition<FindCoordinatorRequest, FindCoordinatorResponse> = {
  key: ApiKey.FindCoordinator,
  name: 'FindCoordinator',
  minVersion: 0,
  maxVersion: 2,

  decodeRequest(reader, version) {
    return { key: reader.string(), keyType: version >= 1 ? reader.int8() : 0 };
  },

  encodeResponse(writer, version, response) {
    if (version >= 1) writer.int32(response.throttleTimeMs);
    writer.int16(response.errorCode);
    if (version >= 1) writer.nullableString(response.errorMessage);
    writer.int32(response.nodeId).string(response.host).int32(response.port);
  },
};
