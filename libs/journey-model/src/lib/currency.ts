import type { JourneyDefinitions } from './definitions/journey-definitions.schema';
import { ownValue } from './plain-records';

/** The amount in the base currency, or null when the currency has no rate: such amounts are never added raw. */
export function toBase(amount: number, currency: string, defs: JourneyDefinitions): number | null {
  if (currency === defs.currency.base) return amount;
  const rate = ownValue(defs.currency.rates, currency);
  return rate === undefined ? null : amount * rate;
}

export const roundCents = (amount: number): number => Math.round(amount * 100) / 100;
