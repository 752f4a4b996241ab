import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * ApiVersions (key 18), versions 0-3; v3 is flexible.
 *
 * Request
 *   v0-v2: (empty)
 *   v3:    client_software_name compact_string, client_software_version compact_string, tagged_fields
 *
 * Response (always sent with response header v0)
 *   error_code      int16
 *   api_keys        array (compact in v3) of
 *                     api_key int16, min_version int16, max_version int16, [v3: tagged_fields]
 *   throttle_time_ms int32           v1+
 *   tagged_fields                   v3
 *
 * A client asking for a version above ours gets a v0-format answer with
 * UNSUPPORTED_VERSION and our ranges, then retries at a version we support.
 */
export interface ApiVersionsRequest {
  readonly clientSoftwareName: string | null;
  readonly clientSoftwareVersion: string | null;
}

export interface ApiVersionRange {
  readonly apiKey: number;
  readonly minVersion: number;
  readonly maxVersion: number;
}

export interface ApiVersionsResponse {
  readonly errorCode: number;
  readonly apiKeys: readonly ApiVersionRange[];
  readonly throttleTimeMs: number;
}

export const apiVersionsApi: ApiDefinition<ApiVersionsRequest, ApiVersionsResponse> = {
  key: ApiKey.ApiVersions,
  name: 'ApiVersions',
  minVersion: 0,
  maxVersion: 3,
  firstFlexibleVersion: 3,

  decodeRequest(reader, version) {
    if (version < 3) return { clientSoftwareName: null, clientSoftwareVersion: null };
    const clientSoftwareName = reader.compactString();
    const clientSoftwareVersion = reader.compactString();
    reader.taggedFields();
    return { clientSoftwareName, clientSoftwareVersion };
  },

  encodeResponse(writer, version, response) {
    writer.int16(response.errorCode);
    if (version >= 3) {
      writer.compactArray(response.apiKeys, (w, range) => {
        w.int16(range.apiKey).int16(range.minVersion).int16(range.maxVersion).emptyTaggedFields();
      });
    } else {
      writer.array(response.apiKeys, (w, range) => {
        w.int16(range.apiKey).int16(range.minVersion).int16(range.maxVersion);
      });
    }
    if (version >= 1) writer.int32(response.throttleTimeMs);
    if (version >= 3) writer.emptyTaggedFields();
  },
};
