import type { ConsentPurpose } from '@touchpoint/contracts';
import type { JourneyDefinitions } from './journey-definitions.schema';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Definitions turned into the lookups and millisecond spans the hot path needs. */
export interface CompiledDefinitions {
  readonly visitIdleMs: number;
  readonly cartAbandonMs: number;
  readonly loyaltyWithinMs: number;
  readonly tierWindowMs: number;
  readonly lapsedAfterMs: number;
  readonly reviewEvents: ReadonlySet<string>;
  readonly referralEvents: ReadonlySet<string>;
  readonly shareEvents: ReadonlySet<string>;
  readonly consentEvents: ReadonlySet<string>;
  /** Lower-cased consent category -> the purposes it speaks for. */
  readonly purposesByCategory: ReadonlyMap<string, readonly ConsentPurpose[]>;
}

const cache = new WeakMap<JourneyDefinitions, CompiledDefinitions>();

export function compiled(defs: JourneyDefinitions): CompiledDefinitions {
  let result = cache.get(defs);
  if (result === undefined) {
    result = compile(defs);
    cache.set(defs, result);
  }
  return result;
}

function compile(defs: JourneyDefinitions): CompiledDefinitions {
  const purposesByCategory = new Map<string, ConsentPurpose[]>();
  for (const purpose of ['advertising', 'personalization'] as const) {
    for (const category of defs.consent.purposes[purpose]) {
      const key = category.toLowerCase();
      const purposes = purposesByCategory.get(key) ?? [];
      if (!purposes.includes(purpose)) purposes.push(purpose);
      purposesByCategory.set(key, purposes);
    }
  }
  return {
    visitIdleMs: defs.visits.idleMinutes * MINUTE,
    cartAbandonMs: defs.cart.abandonAfterMinutes * MINUTE,
    loyaltyWithinMs: defs.loyalty.withinDays * DAY,
    tierWindowMs: defs.tiers.windowDays * DAY,
    lapsedAfterMs: defs.lapsed.afterDays * DAY,
    reviewEvents: new Set(defs.advocacy.reviewEvents),
    referralEvents: new Set(defs.advocacy.referralEvents),
    shareEvents: new Set(defs.advocacy.shareEvents),
    consentEvents: new Set(defs.consent.events),
    purposesByCategory,
  };
}
