import { z } from 'zod';
import { envLogLevel } from './env-values';
import { type Env, parseEnv } from './parse-env';

/** json: one object per line, for log collectors; pretty: coloured text for a person at a terminal (needs the pino-pretty dev dependency). */
export const logFormats = ['json', 'pretty'] as const;

export type LogFormat = (typeof logFormats)[number];

export interface LogSettings {
  readonly level: z.output<typeof envLogLevel>;
  readonly format: LogFormat;
}

export const logSettingsSchema = z.object({
  LOG_LEVEL: envLogLevel.default('info'),
  LOG_FORMAT: z.string().trim().toLowerCase().pipe(z.enum(logFormats)).default('json'),
});

export function logSettingsOf(values: z.output<typeof logSettingsSchema>): LogSettings {
  return { level: values.LOG_LEVEL, format: values.LOG_FORMAT };
}

/** The log settings alone, for a process without a service configuration (the explorer). */
export function loadLogSettings(env: Env): LogSettings {
  return parseEnv(logSettingsSchema, env, logSettingsOf);
}
