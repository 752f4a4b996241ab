import { kafkajsSecurity } from '@touchpoint/kafka/tools';
import { type Admin, Kafka, type KafkaConfig, logLevel } from 'kafkajs';
import { CliError } from '../cli-error';
import type { CliSettings } from '../cli-settings';

/** The kafkajs settings of the command: few, short retries, so an unreachable cluster is reported in seconds. */
export function cliKafkaConfig(settings: CliSettings): KafkaConfig {
  return {
    clientId: settings.kafka.clientId === 'touchpoint' ? 'touchpoint-cli' : settings.kafka.clientId,
    brokers: [...settings.kafka.brokers],
    ...kafkajsSecurity(settings.kafka.security),
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    logLevel: logLevel.NOTHING,
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1_000 },
  };
}

const connectionFailures = new Set(['KafkaJSConnectionError', 'KafkaJSNumberOfRetriesExceeded', 'KafkaJSSASLAuthenticationError', 'KafkaJSNonRetriableError', 'KafkaJSRequestTimeoutError']);

/** A kafkajs failure to reach or authenticate to the cluster, as the error the user sees. */
export function asBrokerError(error: unknown, brokers: readonly string[]): unknown {
  // kafkajs reports a broker that dropped the connection mid-handshake with a plain Error of this message.
  if (error instanceof Error && (connectionFailures.has(error.name) || error.message === 'Broker not connected')) {
    return new CliError('TP_CLI_BROKER_UNREACHABLE', `cannot reach Kafka at ${brokers.join(',')} (${error.message}); check --brokers / KAFKA_BROKERS and the SASL/TLS options`);
  }
  return error;
}

/** One cluster connection for a command: the client, a connected admin, and a check that topics exist. */
export class CliKafka {
  readonly kafka: Kafka;
  private adminClient: Admin | null = null;
  private topics: Set<string> | null = null;

  constructor(
    readonly settings: CliSettings,
    readonly config: KafkaConfig = cliKafkaConfig(settings),
  ) {
    this.kafka = new Kafka(config);
  }

  get brokers(): readonly string[] {
    return this.settings.kafka.brokers;
  }

  async admin(): Promise<Admin> {
    if (this.adminClient) return this.adminClient;
    const admin = this.kafka.admin({ retry: { retries: 2, initialRetryTime: 100 } });
    try {
      await admin.connect();
    } catch (error) {
      throw asBrokerError(error, this.brokers);
    }
    this.adminClient = admin;
    return admin;
  }

  /** Every topic name, read from metadata of all topics: asking for one by name would let an auto-creating broker create it. */
  async topicNames(): Promise<Set<string>> {
    if (this.topics) return this.topics;
    const admin = await this.admin();
    try {
      this.topics = new Set(await admin.listTopics());
    } catch (error) {
      throw asBrokerError(error, this.brokers);
    }
    return this.topics;
  }

  async requireTopic(topic: string): Promise<void> {
    if (!(await this.topicNames()).has(topic)) throw new CliError('TP_CLI_UNKNOWN_TOPIC', `the cluster has no topic ${topic}`);
  }

  async close(): Promise<void> {
    await this.adminClient?.disconnect();
    this.adminClient = null;
  }
}
