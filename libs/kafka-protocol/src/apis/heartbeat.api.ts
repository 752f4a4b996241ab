import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * Heartbeat (key 12), versions 0-3.
 *
 * Request
 *   group_id           string
 *   generation_id      int32
 *   member_id          string
 *   group_instance_id  nullable_string  v3+
 *
 * Response
 *   throttle_time_ms  int32  v1+
 *   error_code        int16  REBALANCE_IN_PROGRESS tells the member to rejoin
 */
export interface HeartbeatRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
}

export interface HeartbeatResponse {
  readonly throttleTimeMs: number;
  readonly errorCode: number;
}

export const heartbeatApi: ApiDefinition<HeartbeatRequest, HeartbeatResponse> = {
  key: ApiKey.Heartbeat,
  name: 'Heartbeat',
  minVersion: 0,
  maxVersion: 3,

  decodeRequest(reader, version) {
    return {
      groupId: reader.string(),
      generationId: reader.int32(),
      memberId: reader.string(),
      groupInstanceId: version >= 3 ? reader.nullableString() : null,
    };
  },

  encodeResponse(writer, version, response) {
    if (version >= 1) writer.int32(response.throttleTimeMs);
    writer.int16(response.errorCode);
  },
};
