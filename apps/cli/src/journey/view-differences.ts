import { canonicalJson } from '@touchpoint/journey-model';

export interface Difference {
  /** Dotted path, e.g. `products.jacket-42.unitsOwned`. */
  readonly path: string;
  readonly live: unknown;
  readonly rebuilt: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every leaf where two JSON values differ (arrays compared whole), sorted by path. */
export function differences(live: unknown, rebuilt: unknown, path = ''): Difference[] {
  if (isRecord(live) && isRecord(rebuilt)) {
    const keys = [...new Set([...Object.keys(live), ...Object.keys(rebuilt)])].sort();
    return keys.flatMap((key) => differences(live[key], rebuilt[key], path === '' ? key : `${path}.${key}`));
  }
  return canonicalJson(live ?? null) === canonicalJson(rebuilt ?? null) ? [] : [{ path, live: live ?? null, rebuilt: rebuilt ?? null }];
}
