import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * DescribeGroups (key 15), versions 0-2.
 *
 * Request
 *   groups  array of string
 *
 * Response
 *   throttle_time_ms  int32  v1+
 *   groups            array of
 *     error_code int16, group_id string, group_state string, protocol_type string,
 *     protocol_data string,
 *     members array of
 *       member_id string, client_id string, client_host string,
 *       member_metadata bytes, member_assignment bytes
 */
export interface DescribedMember {
  readonly memberId: string;
  readonly clientId: string;
  readonly clientHost: string;
  readonly memberMetadata: Buffer;
  readonly memberAssignment: Buffer;
}

export interface DescribedGroup {
  readonly errorCode: number;
  readonly groupId: string;
  readonly groupState: string;
  readonly protocolType: string;
  readonly protocolData: string;
  readonly members: readonly DescribedMember[];
}

export interface DescribeGroupsRequest {
  readonly groups: readonly string[];
}

export interface DescribeGroupsResponse {
  readonly throttleTimeMs: number;
  readonly groups: readonly DescribedGroup[];
}

export const describeGroupsApi: ApiDefinition<DescribeGroupsRequest, DescribeGroupsResponse> = {
  key: ApiKey.DescribeGroups,
  name: 'DescribeGroups',
  minVersion: 0,
  maxVersion: 2,

  decodeRequest(reader) {
    return { groups: reader.array((r) => r.string()) };
  },

  encodeResponse(writer, version, response) {
    if (version >= 1) writer.int32(response.throttleTimeMs);
    writer.array(response.groups, (w, group) => {
      w.int16(group.errorCode).string(group.groupId).string(group.groupState);
      w.string(group.protocolType).string(group.protocolData);
      w.array(group.members, (mw, member) => {
        mw.string(member.memberId).string(member.clientId).string(member.clientHost);
        mw.bytes(member.memberMetadata).bytes(member.memberAssignment);
      });
    });
  },
};
