export { ConfigError } from './lib/config-error';
export { envBool, envInt, envLogLevel, envPort } from './lib/env-values';
export { parseEnv, type Env } from './lib/parse-env';
export { processEnv } from './lib/process-env';
export { loadDevBrokerConfig, type DevBrokerConfig } from './lib/dev-broker.config';
export { loadKafkaClientConfig, type KafkaClientConfig } from './lib/kafka-client.config';
export { consumerSettingsDefaults, type ConsumerSettings } from './lib/consumer-settings';
export { loadServiceConfig, type ServiceConfig, type ServiceName } from './lib/service.config';
