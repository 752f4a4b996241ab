import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * ListGroups (key 16), versions 0-2.
 *
 * Request   (empty)
 *
 * Response
 *   throttle_time_ms  int32  v1+
 *   error_code        int16
 *   groups            array of group_id string, protocol_type string
 */
export type ListGroupsRequest = Record<string, never>;

export interface ListGroupsResponse {
  readonly throttleTimeMs: number;
  readonly errorCode: number;
  readonly groups: readonly { readonly groupId: string; readonly protocolType: string }[];
}

export const listGroupsApi: ApiDefinition<ListGroupsRequest, ListGroupsResponse> = {
  key: ApiKey.ListGroups,
  name: 'ListGroups',
  minVersion: 0,
  maxVersion: 2,

  decodeRequest() {
    return {};
  },

  encodeResponse(writer, version, response) {
    if (version >= 1) writer.int32(response.throttleTimeMs);
    writer.int16(response.errorCode);
    writer.array(response.groups, (w, group) => {
      w.string(group.groupId).string(group.protocolType);
    });
  },
};
