import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * DescribeConfigs (key 32), versions 0-2.
 *
 * Request
 *   resources         array of
 *     resource_type int8 (2 topic, 4 broker), resource_name string,
 *     configuration_keys nullable array of string (null: all)
 *   include_synonyms  bool  v1+
 *
 * Response
 *   throttle_time_ms  int32
 *   results           array of
 *     error_code int16, error_message nullable_string, resource_type int8, resource_name string,
 *     configs array of
 *       name string, value nullable_string, read_only bool,
 *       is_default bool (v0) | config_source int8 (v1+),
 *       is_sensitive bool,
 *       synonyms array of name string, value nullable_string, source int8   v1+
 */
export const ConfigResourceType = { Topic: 2, Broker: 4 } as const;

/** Where a value came from (v1+): 1 topic override, 4 static broker config, 5 default. */
export const ConfigSource = { TopicConfig: 1, StaticBrokerConfig: 4, Default: 5 } as const;

export interface DescribeConfigsRequest {
  readonly resources: readonly {
    readonly resourceType: number;
    readonly resourceName: string;
    readonly configurationKeys: readonly string[] | null;
  }[];
  readonly includeSynonyms: boolean;
}

export interface DescribedConfig {
  readonly name: string;
  readonly value: string | null;
  readonly readOnly: boolean;
  readonly configSource: number;
  readonly isSensitive: boolean;
}

export interface DescribeConfigsResult {
  readonly errorCode: number;
  readonly errorMessage: string | null;
  readonly resourceType: number;
  readonly resourceName: string;
  readonly configs: readonly DescribedConfig[];
}

export interface DescribeConfigsResponse {
  readonly throttleTimeMs: number;
  readonly results: readonly DescribeConfigsResult[];
}

export const describeConfigsApi: ApiDefinition<DescribeConfigsRequest, DescribeConfigsResponse> = {
  key: ApiKey.DescribeConfigs,
  name: 'DescribeConfigs',
  minVersion: 0,
  maxVersion: 2,

  decodeRequest(reader, version) {
    const resources = reader.array((r) => ({
      resourceType: r.int8(),
      resourceName: r.string(),
      configurationKeys: r.nullableArray((k) => k.string()),
    }));
    return { resources, includeSynonyms: version >= 1 ? reader.bool() : false };
  },

  encodeResponse(writer, version, response) {
    writer.int32(response.throttleTimeMs);
    writer.array(response.results, (w, result) => {
      w.int16(result.errorCode).nullableString(result.errorMessage).int8(result.resourceType).string(result.resourceName);
      w.array(result.configs, (cw, config) => {
        cw.string(config.name).nullableString(config.value).bool(config.readOnly);
        if (version === 0) cw.bool(config.configSource === ConfigSource.Default);
        else cw.int8(config.configSource);
        cw.bool(config.isSensitive);
        if (version >= 1) cw.array([], () => undefined);
      });
    });
  },
};
