import { z } from 'zod';

// Date, or date and time with optional seconds, fraction and zone. Anything looser (epoch
// numbers, "Jan 5") is refused: Date.parse would read it differently per runtime.
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** toISOString's own form, for years 0000-9999. */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const isoOf = (time: number): string | undefined => (Number.isNaN(time) ? undefined : new Date(time).toISOString());

function zoneOf(zone: string | undefined): string {
  if (!zone || zone.toUpperCase() === 'Z') return 'Z';
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}

/**
 * A client's ISO 8601 timestamp as UTC with milliseconds, or undefined when it is not one.
 * A time without a zone is read as UTC, never as the server's local time.
 */
export function toIsoTimestamp(value: string): string | undefined {
  // What SDKs send nearly always: already UTC with milliseconds. It is its own answer when it
  // reads back unchanged (2024-02-30 does not: Date rolls it over).
  if (CANONICAL.test(value) && isoOf(Date.parse(value)) === value) return value;
  const match = ISO_8601.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone] = match;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const time = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${zoneOf(zone)}`);
  if (Number.isNaN(time)) return undefined;
  // Date.parse rolls 2024-02-31 over into March; a calendar date that does not exist is refused.
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(day)) return undefined;
  return new Date(time).toISOString();
}

/** A client-supplied timestamp; null counts as absent, as some SDKs send it. */
export const clientTimestampSchema = z
  .string()
  .transform((value, context) => {
    const iso = toIsoTimestamp(value);
    if (iso === undefined) {
      context.addIssue({ code: 'custom', message: 'must be an ISO 8601 date-time, e.g. 2024-05-01T12:00:00.000Z' });
      return z.NEVER;
    }
    return iso;
  })
  .nullish()
  .transform((value) => value ?? undefined);
