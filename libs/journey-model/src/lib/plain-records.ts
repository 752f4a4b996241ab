/**
 * Records keyed by ids that come from events (product ids, order keys). A plain object is what
 * jsonb and Redis store, but `record[key]` for a key such as "constructor" or "__proto__" would
 * read or write the prototype; these helpers only ever touch own properties.
 */
export type PlainRecord<T> = Readonly<Record<string, T>>;

export function ownValue<T extends object>(record: PlainRecord<T>, key: string): T | undefined {
  const value: unknown = record[key];
  // What a plain object inherits is functions and, under "__proto__", Object.prototype; an own
  // "__proto__" shadows the accessor. So any other object read here is own: no hasOwn needed on the hot path.
  if (typeof value === 'object' && value !== null && value !== Object.prototype) return value as T;
  return value !== undefined && Object.hasOwn(record, key) ? (value as T) : undefined;
}

/** A copy of `record` with `key` set as an own property, whatever the key. */
export function withValue<T>(record: PlainRecord<T>, key: string, value: T): PlainRecord<T> {
  const copy: Record<string, T> = { ...record };
  defineValue(copy, key, value);
  return copy;
}

/**
 * Sets `key` on a record this module just created (never on shared state). Only "__proto__"
 * reaches a setter on plain assignment; every other key, "constructor" included, becomes an
 * own property, and plain assignment keeps the object in V8's fast mode.
 */
export function defineValue<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/** Code-unit order, the same on every machine and locale (never localeCompare). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
