import { DEVELOPMENT_HASH_SECRET, envLogLevel, envPort, type Env, type KafkaClientConfig, loadKafkaClientConfig, parseEnv } from '@touchpoint/config';
import { z } from 'zod';

const serviceUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL')
  .transform((value) => value.replace(/\/+$/, ''));

const schema = z.object({
  EXPLORER_HTTP_PORT: envPort.default(8084),
  HTTP_HOST: z.string().trim().min(1).default('127.0.0.1'),
  IDENTITY_URL: serviceUrl.default('http://127.0.0.1:8081'),
  JOURNEY_URL: serviceUrl.default('http://127.0.0.1:8082'),
  RECOMMENDATION_URL: serviceUrl.default('http://127.0.0.1:8083'),
  EXPLORER_ACCESS_TOKEN: z.string().trim().regex(/^[A-Za-z0-9._~+/=-]{16,512}$/, 'at least 16 characters (letters, digits, . _ ~ + / = -)').optional(),
  EXPLORER_WEB_DIR: z.string().trim().min(1).default('dist/apps/explorer/web'),
  PERSONAL_DATA_HASH_SECRET: z.string().min(32, 'use at least 32 characters').default(DEVELOPMENT_HASH_SECRET),
  PERSONAL_DATA_DEFAULT_REGION: z.string().trim().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code, e.g. NL').optional(),
  LOG_LEVEL: envLogLevel.default('info'),
});

/** The explorer's configuration, parsed once at boot. */
export interface ExplorerConfig {
  readonly http: { readonly host: string; readonly port: number };
  /** Base URLs of the services whose HTTP APIs the page reads. */
  readonly upstream: { readonly identity: string; readonly journey: string; readonly recommendation: string };
  /** Forwarded when the person at the page gives no token of their own; null: they must log in. */
  readonly defaultToken: string | null;
  /** The front end as Vite built it. */
  readonly webDir: string;
  /** The same key and region as ingest and identity, so a searched email or phone hashes to the stored identifier. */
  readonly personalData: { readonly hashSecret: string; readonly defaultPhoneRegion: string | null };
  readonly kafka: KafkaClientConfig;
  readonly logLevel: z.output<typeof envLogLevel>;
}

export function loadExplorerConfig(env: Env): ExplorerConfig {
  const kafka = loadKafkaClientConfig(env);
  return parseEnv(schema, env, (v) => ({
    http: { host: v.HTTP_HOST, port: v.EXPLORER_HTTP_PORT },
    upstream: { identity: v.IDENTITY_URL, journey: v.JOURNEY_URL, recommendation: v.RECOMMENDATION_URL },
    defaultToken: v.EXPLORER_ACCESS_TOKEN ?? null,
    webDir: v.EXPLORER_WEB_DIR,
    personalData: { hashSecret: v.PERSONAL_DATA_HASH_SECRET, defaultPhoneRegion: v.PERSONAL_DATA_DEFAULT_REGION ?? null },
    kafka,
    logLevel: v.LOG_LEVEL,
  }));
}
