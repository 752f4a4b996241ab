import { z } from 'zod';
import { type KafkaSecurity, kafkaSecurityOf, kafkaSecuritySchema } from './kafka-security.config';
import { type Env, parseEnv } from './parse-env';

const brokerAddress = z.string().regex(/^[A-Za-z0-9._-]+:\d{1,5}$/, 'each broker must be host:port');

const schema = z.object({
  KAFKA_BROKERS: z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(brokerAddress).min(1, 'list at least one host:port'))
    .optional(),
  KAFKA_CLIENT_ID: z.string().trim().min(1).default('touchpoint'),
}).extend(kafkaSecuritySchema.shape);

export interface KafkaClientConfig {
  /** null: no external cluster configured, so the embedded dev broker is used. */
  readonly brokers: readonly string[] | null;
  readonly clientId: string;
  readonly security: KafkaSecurity;
}

export function loadKafkaClientConfig(env: Env): KafkaClientConfig {
  return parseEnv(schema, env, (v) => ({ brokers: v.KAFKA_BROKERS ?? null, clientId: v.KAFKA_CLIENT_ID, security: kafkaSecurityOf(v) }));
}
