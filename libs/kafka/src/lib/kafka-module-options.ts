import type { ConsumerSettings, KafkaSecurity } from '@touchpoint/config';

export interface KafkaModuleOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** CloudEvents `source` of everything this service publishes, e.g. "touchpoint/ingest". */
  readonly source: string;
  /** Partitions for topics this service creates when they are missing. */
  readonly topicPartitions: number;
  /** How consumers retry failed messages; the defaults of libs/config when not given. */
  readonly consumer?: ConsumerSettings;
  /** TLS and SASL; plain TCP when not given. */
  readonly security?: KafkaSecurity;
}
