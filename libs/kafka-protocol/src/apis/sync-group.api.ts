import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * SyncGroup (key 14), versions 0-3.
 *
 * Request
 *   group_id           string
 *   generation_id      int32
 *   member_id          string
 *   group_instance_id  nullable_string  v3+
 *   assignments        array of member_id string, assignment bytes   (sent by the leader only)
 *
 * Response
 *   throttle_time_ms  int32  v1+
 *   error_code        int16
 *   assignment        bytes
 */
export interface SyncGroupRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly assignments: readonly { readonly memberId: string; readonly assignment: Buffer }[];
}

export interface SyncGroupResponse {
  readonly throttleTimeMs: number;
  readonly errorCode: number;
  readonly assignment: Buffer;
}

export const syncGroupApi: ApiDefinition<SyncGroupRequest, SyncGroupResponse> = {
  key: ApiKey.SyncGroup,
  name: 'SyncGroup',
  minVersion: 0,
  maxVersion: 3,

  decodeRequest(reader, version) {
    const groupId = reader.string();
    const generationId = reader.int32();
    const memberId = reader.string();
    const groupInstanceId = version >= 3 ? reader.nullableString() : null;
    const assignments = reader.array((r) => ({ memberId: r.string(), assignment: r.bytes() }));
    return { groupId, generationId, memberId, groupInstanceId, assignments };
  },

  encodeResponse(writer, version, response) {
    if (version >= 1) writer.int32(response.throttleTimeMs);
    writer.int16(response.errorCode).bytes(response.assignment);
  },
};
