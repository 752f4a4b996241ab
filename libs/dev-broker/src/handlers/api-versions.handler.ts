import { ApiKey, KafkaError, supportedVersionRanges } from '@touchpoint/kafka-protocol';
import type { Handler } from '../broker-context';

export function apiVersionsHandler(): Handler<ApiKey.ApiVersions> {
  const apiKeys = supportedVersionRanges();
  return () => ({ errorCode: KafkaError.NONE.code, apiKeys, throttleTimeMs: 0 });
}
