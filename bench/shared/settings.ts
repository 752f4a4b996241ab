// Bench settings: a `--name=value` argument wins over the environment variable, which wins
// over the default. Shared by every benchmark so they read their knobs the same way.

export function argValue(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv
    .slice(2)
    .find((arg) => arg.startsWith(prefix))
    ?.slice(prefix.length);
}

export function intSetting(name: string, envName: string, fallback: number, min: number): number {
  const raw = argValue(name) ?? process.env[envName];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} / ${envName} must be an integer >= ${min}, got "${raw}"`);
  return value;
}
