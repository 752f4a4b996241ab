import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * DeleteGroups (key 42), versions 0-1.
 *
 * Request
 *   groups_names  array of string
 *
 * Response
 *   throttle_time_ms  int32
 *   results           array of group_id string, error_code int16
 */
export interface DeleteGroupsRequest {
  readonly groupNames: readonly string[];
}

export interface DeleteGroupsResponse {
  readonly throttleTimeMs: number;
  readonly results: readonly { readonly groupId: string; readonly errorCode: number }[];
}

export const deleteGroupsApi: ApiDefinition<DeleteGroupsRequest, DeleteGroupsResponse> = {
  key: ApiKey.DeleteGroups,
  name: 'DeleteGroups',
  minVersion: 0,
  maxVersion: 1,

  decodeRequest(reader) {
    return { groupNames: reader.array((r) => r.string()) };
  },

  encodeResponse(writer, _version, response) {
    writer.int32(response.throttleTimeMs);
    writer.array(response.results, (w, result) => {
      w.string(result.groupId).int16(result.errorCode);
    });
  },
};
