import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * LeaveGroup (key 13), versions 0-3.
 *
 * Request
 *   group_id   string
 *   member_id  string                                                     v0-v2
 *   members    array of member_id string, group_instance_id nullable_string  v3+
 *
 * Response
 *   throttle_time_ms  int32  v1+
 *   error_code        int16
 *   members           array of member_id string, group_instance_id nullable_string, error_code int16  v3+
 */
export interface LeaveGroupMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
}

export interface LeaveGroupRequest {
  readonly groupId: string;
  readonly members: readonly LeaveGroupMember[];
}

export interface LeaveGroupResponse {
  readonly throttleTimeMs: number;
  readonly errorCode: number;
  readonly members: readonly (LeaveGroupMember & { readonly errorCode: number })[];
}

export const leaveGroupApi: ApiDefinition<LeaveGroupRequest, LeaveGroupResponse> = {
  key: ApiKey.LeaveGroup,
  name: 'LeaveGroup',
  minVersion: 0,
  maxVersion: 3,

  decodeRequest(reader, version) {
    const groupId = reader.string();
    if (version < 3) return { groupId, members: [{ memberId: reader.string(), groupInstanceId: null }] };
    return { groupId, members: reader.array((r) => ({ memberId: r.string(), groupInstanceId: r.nullableString() })) };
  },

  encodeResponse(writer, version, response) {
    if (version >= 1) writer.int32(response.throttleTimeMs);
    writer.int16(response.errorCode);
    if (version >= 3) {
      writer.array(response.members, (w, member) => {
        w.string(member.memberId).nullableString(member.groupInstanceId).int16(member.errorCode);
      });
    }
  },
};
