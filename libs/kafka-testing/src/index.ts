export { startTestKafka, testKafkaKind, sharedTestKafkaBrokers, TEST_KAFKA_KIND_VARIABLE, TEST_KAFKA_BROKERS_VARIABLE, type TestKafka, type TestKafkaKind } from './lib/test-kafka';
export { startApacheKafka, type ApacheKafka, type ApacheKafkaOptions } from './lib/apache-kafka/start-apache-kafka';
export { resolveApacheKafka, pinnedApacheKafkaVersion, type ApacheKafkaDistribution } from './lib/apache-kafka/apache-kafka-distribution';
export { ApacheKafkaUnavailable } from './lib/apache-kafka/apache-kafka-unavailable';
export type { SaslMechanism, KafkaUser } from './lib/apache-kafka/server-properties';
export type { TlsMaterial } from './lib/apache-kafka/tls-material';
export { freePort } from './lib/free-port';
export { workspaceRoot } from './lib/workspace-root';
