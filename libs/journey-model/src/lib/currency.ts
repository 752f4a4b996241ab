import type { JourneyDefinitions } from './definitions/journey-definitions.schema';

/** The amount in the base currency, or null when the currency has no rate: such amounts are never added raw. */
export function toBase(amount: number, currency: string, defs: JourneyDefinitions): number | null {
  if (currency === defs.currency.base) return amount;
  // A currency code read from an event: only the rates' own keys count (never "constructor").
  return Object.hasOwn(defs.currency.rates, currency) ? amount * defs.currency.rates[currency] : null;
}

export const roundCents = (amount: number): number => Math.round(amount * 100) / 100;
