import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * JoinGroup (key 11), versions 0-5.
 *
 * Request
 *   group_id              string
 *   session_timeout_ms    int32
 *   rebalance_timeout_ms  int32            v1+ (v0: equals the session timeout)
 *   member_id             string           empty for a new member
 *   group_instance_id     nullable_string  v5+ (static membership)
 *   protocol_type         string           e.g. "consumer"
 *   protocols             array of name string, metadata bytes
 *
 * Response
 *   throttle_time_ms  int32   v2+
 *   error_code        int16   v4+: MEMBER_ID_REQUIRED hands a new member its id
 *   generation_id     int32
 *   protocol_name     string
 *   leader            string
 *   member_id         string
 *   members           array of member_id string, group_instance_id nullable_string (v5+), metadata bytes
 *                     (filled for the leader only)
 */
export interface JoinGroupRequest {
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly protocolType: string;
  readonly protocols: readonly { readonly name: string; readonly metadata: Buffer }[];
}

export interface JoinGroupMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly metadata: Buffer;
}

export interface JoinGroupResponse {
  readonly throttleTimeMs: number;
  readonly errorCode: number;
  readonly generationId: number;
  readonly protocolName: string;
  readonly leader: string;
  readonly memberId: string;
  readonly members: readonly JoinGroupMember[];
}

export const joinGroupApi: ApiDefinition<JoinGroupRequest, JoinGroupResponse> = {
  key: ApiKey.JoinGroup,
  name: 'JoinGroup',
  minVersion: 0,
  maxVersion: 5,

  decodeRequest(reader, version) {
    const groupId = reader.string();
    const sessionTimeoutMs = reader.int32();
    const rebalanceTimeoutMs = version >= 1 ? reader.int32() : sessionTimeoutMs;
    const memberId = reader.string();
    const groupInstanceId = version >= 5 ? reader.nullableString() : null;
    const protocolType = reader.string();
    const protocols = reader.array((r) => ({ name: r.string(), metadata: r.bytes() }));
    return { groupId, sessionTimeoutMs, rebalanceTimeoutMs, memberId, groupInstanceId, protocolType, protocols };
  },

  encodeResponse(writer, version, response) {
    if (version >= 2) writer.int32(response.throttleTimeMs);
    writer.int16(response.errorCode).int32(response.generationId).string(response.protocolName);
    writer.string(response.leader).string(response.memberId);
    writer.array(response.members, (w, member) => {
      w.string(member.memberId);
      if (version >= 5) w.nullableString(member.groupInstanceId);
      w.bytes(member.metadata);
    });
  },
};
