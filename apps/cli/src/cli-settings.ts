import { type KafkaClientConfig, loadKafkaClientConfig, parseEnv, processEnv } from '@touchpoint/config';
import { z } from 'zod';
import { CliError } from './cli-error';

/** Connection options every command takes; each falls back to the variable the services read. */
export interface ConnectionOptions {
  readonly brokers?: string;
  readonly saslMechanism?: string;
  readonly saslUsername?: string;
  readonly saslPassword?: string;
  readonly ssl?: boolean;
  readonly sslCaFile?: string;
  readonly sslCertFile?: string;
  readonly sslKeyFile?: string;
  readonly sslInsecure?: boolean;
  readonly identityUrl?: string;
  readonly journeyUrl?: string;
  readonly catalogUrl?: string;
  readonly token?: string;
  readonly adminToken?: string;
}

export interface CliSettings {
  readonly kafka: KafkaClientConfig & { readonly brokers: readonly string[] };
  readonly identityUrl: string;
  readonly journeyUrl: string;
  readonly catalogUrl: string;
  readonly readToken: string | null;
  readonly adminToken: string | null;
  /** The journey rules journey runs with, for rebuilding journeys. */
  readonly definitionsFile: string;
}

const serviceSchema = z.object({
  TOUCHPOINT_IDENTITY_URL: z.url().default('http://127.0.0.1:8081'),
  TOUCHPOINT_JOURNEY_URL: z.url().default('http://127.0.0.1:8082'),
  TOUCHPOINT_CATALOG_URL: z.url().default('http://127.0.0.1:8083'),
  TOUCHPOINT_READ_TOKEN: z.string().min(1).optional(),
  TOUCHPOINT_ADMIN_TOKEN: z.string().min(1).optional(),
  JOURNEY_DEFINITIONS_FILE: z.string().trim().min(1).default('config/journey-definitions.v1.json'),
});

const DEFAULT_BROKERS = ['127.0.0.1:9092'];

const definedEntries = (values: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined));

/**
 * Flags first, then the environment: the same variables and rules as the services
 * (libs/config), so a bad value is named the way a service would name it.
 */
export function loadCliSettings(options: ConnectionOptions): CliSettings {
  const env = {
    ...processEnv(),
    ...definedEntries({
      KAFKA_BROKERS: options.brokers,
      KAFKA_SASL_MECHANISM: options.saslMechanism,
      KAFKA_SASL_USERNAME: options.saslUsername,
      KAFKA_SASL_PASSWORD: options.saslPassword,
      KAFKA_SSL: options.ssl ? 'true' : undefined,
      KAFKA_SSL_CA_FILE: options.sslCaFile,
      KAFKA_SSL_CERT_FILE: options.sslCertFile,
      KAFKA_SSL_KEY_FILE: options.sslKeyFile,
      KAFKA_SSL_REJECT_UNAUTHORIZED: options.sslInsecure ? 'false' : undefined,
      TOUCHPOINT_IDENTITY_URL: options.identityUrl,
      TOUCHPOINT_JOURNEY_URL: options.journeyUrl,
      TOUCHPOINT_CATALOG_URL: options.catalogUrl,
      TOUCHPOINT_READ_TOKEN: options.token,
      TOUCHPOINT_ADMIN_TOKEN: options.adminToken,
    }),
  };
  try {
    const kafka = loadKafkaClientConfig(env);
    const services = parseEnv(serviceSchema, env, (v) => v);
    return {
      kafka: { ...kafka, brokers: kafka.brokers ?? DEFAULT_BROKERS },
      identityUrl: services.TOUCHPOINT_IDENTITY_URL,
      journeyUrl: services.TOUCHPOINT_JOURNEY_URL,
      catalogUrl: services.TOUCHPOINT_CATALOG_URL,
      readToken: services.TOUCHPOINT_READ_TOKEN ?? services.TOUCHPOINT_ADMIN_TOKEN ?? null,
      adminToken: services.TOUCHPOINT_ADMIN_TOKEN ?? null,
      definitionsFile: services.JOURNEY_DEFINITIONS_FILE,
    };
  } catch (error) {
    throw new CliError('TP_CLI_USAGE', error instanceof Error ? error.message : String(error));
  }
}
