import type { Env } from './parse-env';

/** The one place that reads the process environment; everything else receives parsed config. */
export function processEnv(): Env {
  return process.env;
}
