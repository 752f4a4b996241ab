import { z } from 'zod';
import { envBool, envInt, envLogLevel, envPort } from './env-values';
import { type Env, parseEnv } from './parse-env';

const schema = z.object({
  KAFKA_DEV_BROKER_HOST: z.string().trim().min(1).default('127.0.0.1'),
  KAFKA_DEV_BROKER_PORT: envPort.default(9092),
  KAFKA_DEV_BROKER_ADVERTISED_HOST: z.string().trim().min(1).optional(),
  KAFKA_DEV_BROKER_DATA_DIR: z.string().trim().min(1).default('.data/kafka-dev-broker'),
  KAFKA_DEV_BROKER_AUTO_CREATE_TOPICS: envBool.default(true),
  KAFKA_DEV_BROKER_DEFAULT_PARTITIONS: envInt(1, 10_000).default(1),
  KAFKA_DEV_BROKER_SEGMENT_BYTES: envInt(1024).default(64 * 1024 * 1024),
  KAFKA_DEV_BROKER_RETENTION_MS: envInt(-1).default(7 * 24 * 60 * 60 * 1000),
  KAFKA_DEV_BROKER_RETENTION_BYTES: envInt(-1).default(-1),
  KAFKA_DEV_BROKER_FSYNC_ON_ACK: envBool.default(false),
  KAFKA_DEV_BROKER_CLEANER_INTERVAL_MS: envInt(1).default(15_000),
  LOG_LEVEL: envLogLevel.default('info'),
});

export interface DevBrokerConfig {
  readonly listen: { readonly host: string; readonly port: number; readonly advertisedHost: string | undefined };
  readonly storage: {
    readonly dataDir: string;
    readonly segmentBytes: number;
    readonly retentionMs: number;
    readonly retentionBytes: number;
    readonly fsyncOnAck: boolean;
    readonly cleanerIntervalMs: number;
  };
  readonly topics: { readonly autoCreate: boolean; readonly defaultPartitions: number };
  readonly logLevel: z.output<typeof envLogLevel>;
}

export function loadDevBrokerConfig(env: Env): DevBrokerConfig {
  return parseEnv(schema, env, (v) => ({
    listen: { host: v.KAFKA_DEV_BROKER_HOST, port: v.KAFKA_DEV_BROKER_PORT, advertisedHost: v.KAFKA_DEV_BROKER_ADVERTISED_HOST },
    storage: {
      dataDir: v.KAFKA_DEV_BROKER_DATA_DIR,
      segmentBytes: v.KAFKA_DEV_BROKER_SEGMENT_BYTES,
      retentionMs: v.KAFKA_DEV_BROKER_RETENTION_MS,
      retentionBytes: v.KAFKA_DEV_BROKER_RETENTION_BYTES,
      fsyncOnAck: v.KAFKA_DEV_BROKER_FSYNC_ON_ACK,
      cleanerIntervalMs: v.KAFKA_DEV_BROKER_CLEANER_INTERVAL_MS,
    },
    topics: { autoCreate: v.KAFKA_DEV_BROKER_AUTO_CREATE_TOPICS, defaultPartitions: v.KAFKA_DEV_BROKER_DEFAULT_PARTITIONS },
    logLevel: v.LOG_LEVEL,
  }));
}
