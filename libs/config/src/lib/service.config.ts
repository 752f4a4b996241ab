import { z } from 'zod';
import { type AccessSettings, accessSettingsOf, accessSettingsSchema } from './access-settings';
import { type ConsumerSettings, consumerSettingsOf, consumerSettingsSchema } from './consumer-settings';
import { type KafkaSecurity, kafkaSecurityOf, kafkaSecuritySchema } from './kafka-security.config';
import { envInt, envLogLevel, envPort } from './env-values';
import { type IdentityGuardSettings, identityGuardSettingsOf, identityGuardSettingsSchema } from './identity-guard-settings';
import { type JourneySettings, journeySettingsOf, journeySettingsSchema } from './journey-settings';
import { type RecommendationSettings, recommendationSettingsOf, recommendationSettingsSchema } from './recommendation-settings';
import { type Env, parseEnv } from './parse-env';
import { type PersonalDataSettings, personalDataSettingsOf, personalDataSettingsSchema } from './personal-data-settings';
import { type LogFormat, logSettingsSchema } from './log-settings';
import { type WriteKeySource, writeKeySettingsSchema } from './write-key-settings';

const brokerList = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[A-Za-z0-9._-]+:\d{1,5}$/, 'each broker must be host:port')).min(1, 'list at least one host:port'));

const url = (protocols: readonly string[]) =>
  z.string().trim().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.join(' or ')}//`);

/** Comma-separated values; blanks between commas are dropped. */
const stringList = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(256)));

/** "type:n" pairs, e.g. "userId:1,email:3": at most n identifiers of that type per profile. */
const typeLimits = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[A-Za-z]+:\d{1,4}$/, 'each entry must be type:n, e.g. userId:1')))
  .transform((entries) => new Map(entries.map((entry) => [entry.slice(0, entry.indexOf(':')), Number(entry.slice(entry.indexOf(':') + 1))])));

const schema = z.object({
  KAFKA_BROKERS: brokerList.default(['127.0.0.1:9092']),
  KAFKA_TOPIC_PARTITIONS: envInt(1, 1000).default(3),
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/touchpoint'),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379/0'),
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9:._-]{0,64}$/, 'letters, digits and : . _ - only, at most 64').default('tp:'),
  INGEST_HTTP_PORT: envPort.default(8080),
  IDENTITY_HTTP_PORT: envPort.default(8081),
  JOURNEY_HTTP_PORT: envPort.default(8082),
  RECOMMENDATION_HTTP_PORT: envPort.default(8083),
  HTTP_HOST: z.string().trim().min(1).default('127.0.0.1'),
  INGEST_DEDUPE_WINDOW_SECONDS: envInt(1, 30 * 24 * 3600).default(24 * 3600),
  // Kubernetes' default 30 s, less the pod's 5 s preStop pause (k8s/base); terminationGracePeriodSeconds must exceed both.
  SHUTDOWN_GRACE_MS: envInt(1_000, 3_600_000).default(25_000),
  IDENTITY_BLOCKED_VALUES: stringList.default([]),
  IDENTITY_MAX_PER_PROFILE: typeLimits.default(new Map()),
  IDENTITY_PRIORITY: stringList.default([]),
})
  .extend(logSettingsSchema.shape)
  .extend(consumerSettingsSchema.shape)
  .extend(kafkaSecuritySchema.shape)
  .extend(accessSettingsSchema.shape)
  .extend(personalDataSettingsSchema.shape)
  .extend(journeySettingsSchema.shape)
  .extend(recommendationSettingsSchema.shape)
  .extend(identityGuardSettingsSchema.shape)
  .extend(writeKeySettingsSchema.shape);

export type ServiceName = 'ingest' | 'identity' | 'journey' | 'recommendation';

export interface ServiceConfig {
  readonly service: ServiceName;
  readonly http: { readonly host: string; readonly port: number };
  readonly kafka: { readonly brokers: readonly string[]; readonly clientId: string; readonly topicPartitions: number; readonly consumer: ConsumerSettings; readonly security: KafkaSecurity };
  readonly database: { readonly url: string };
  /** keyPrefix: prepended to every key, so several installations (or test runs) can share one Redis. */
  readonly redis: { readonly url: string; readonly keyPrefix: string };
  /** writeKeys: write key -> its source and kind; dedupeWindowSeconds: how long a messageId is remembered to drop a repeat. */
  readonly ingest: { readonly writeKeys: ReadonlyMap<string, WriteKeySource>; readonly dedupeWindowSeconds: number };
  readonly logLevel: z.output<typeof envLogLevel>;
  readonly logFormat: LogFormat;
  /** How long SIGTERM may take (stop intake, finish work in flight, commit, close) before the process exits non-zero. */
  readonly shutdownGraceMs: number;
  /**
   * Identity resolution rules, on top of the identity service's defaults. blockedValues: extra
   * values never used as identifiers ("type:value" for one type, a bare value for all);
   * maxPerProfile: identifier type -> limit; priority: identifier types, strongest first
   * (empty: the default order).
   */
  readonly identity: {
    readonly blockedValues: readonly string[];
    readonly maxPerProfile: ReadonlyMap<string, number>;
    readonly priority: readonly string[];
    readonly guards: IdentityGuardSettings;
  };
  /** Bearer tokens of the read and admin endpoints (one guard in libs/service-runtime). */
  readonly access: AccessSettings;
  readonly personalData: PersonalDataSettings;
  readonly journey: JourneySettings;
  readonly recommendation: RecommendationSettings;
}

/** Configuration of one Touchpoint service, parsed once at boot. */
export function loadServiceConfig(service: ServiceName, env: Env): ServiceConfig {
  return parseEnv(schema, env, (v) => {
    const ports: Record<ServiceName, number> = {
      ingest: v.INGEST_HTTP_PORT,
      identity: v.IDENTITY_HTTP_PORT,
      journey: v.JOURNEY_HTTP_PORT,
      recommendation: v.RECOMMENDATION_HTTP_PORT,
    };
    return {
      service,
      http: { host: v.HTTP_HOST, port: ports[service] },
      kafka: { brokers: v.KAFKA_BROKERS, clientId: `touchpoint-${service}`, topicPartitions: v.KAFKA_TOPIC_PARTITIONS, consumer: consumerSettingsOf(v), security: kafkaSecurityOf(v) },
      database: { url: v.DATABASE_URL },
      redis: { url: v.REDIS_URL, keyPrefix: v.REDIS_KEY_PREFIX },
      ingest: { writeKeys: v.INGEST_WRITE_KEYS, dedupeWindowSeconds: v.INGEST_DEDUPE_WINDOW_SECONDS },
      logLevel: v.LOG_LEVEL,
      logFormat: v.LOG_FORMAT,
      shutdownGraceMs: v.SHUTDOWN_GRACE_MS,
      identity: {
        blockedValues: v.IDENTITY_BLOCKED_VALUES,
        maxPerProfile: v.IDENTITY_MAX_PER_PROFILE,
        priority: v.IDENTITY_PRIORITY,
        guards: identityGuardSettingsOf(v),
      },
      access: accessSettingsOf(v),
      personalData: personalDataSettingsOf(v),
      journey: journeySettingsOf(v),
      recommendation: recommendationSettingsOf(v),
    };
  });
}
