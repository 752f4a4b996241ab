/**
 * Records keyed by ids that come from events (product ids, order keys). A plain object is what
 * jsonb and Redis store, but `record[key]` for a key such as "constructor" or "__proto__" would
 * read or write the prototype; these helpers only ever touch own properties.
 */
export type PlainRecord<T> = Readonly<Record<string, T>>;

export function ownValue<T>(record: PlainRecord<T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A copy of `record` with `key` set, defined as an own property so no key can reach the prototype. */
export function withValue<T>(record: PlainRecord<T>, key: string, value: T): PlainRecord<T> {
  const copy: Record<string, T> = { ...record };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Sets `key` on a record this module just created (never on shared state). */
export function defineValue<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Code-unit order, the same on every machine and locale (never localeCompare). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
