import type { z } from 'zod';
import { ConfigError } from './config-error';

export type Env = Readonly<Record<string, string | undefined>>;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Parses environment variables once at boot. `schema` is keyed by variable name; the
 * result is mapped into the typed, nested, frozen shape a service uses. Every problem is
 * reported at once, each naming its variable.
 */
export function parseEnv<S extends z.ZodObject, T>(schema: S, env: Env, shape: (values: z.output<S>) => T): T {
  // Empty strings mean "unset" so that `VAR=` in a compose file falls back to the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '(root)'), message: issue.message })),
    );
  }
  return deepFreeze(shape(result.data));
}
