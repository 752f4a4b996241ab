import type { RecommendedItem } from '@touchpoint/contracts';
import type { AccessoryCatalog } from './accessory-catalog';
import { recommendAccessories } from './accessory.rules';
import type { ProfileFacts } from './profile-facts';
import { retargetedProducts } from './retargeting.rules';

/** Everything marketing platforms should currently do for one profile. */
export interface Decisions {
  /** Products to retarget, sorted. */
  readonly retargeting: readonly string[];
  /** Ranked recommendations. */
  readonly recommendations: readonly RecommendedItem[];
}

export const noDecisions: Decisions = Object.freeze({ retargeting: [], recommendations: [] });

/** A pure function of the profile's facts: the same facts decide the same, however they were learnt. */
export function decide(facts: ProfileFacts, catalog: AccessoryCatalog): Decisions {
  return { retargeting: retargetedProducts(facts), recommendations: recommendAccessories(facts.products, catalog) };
}

export function sameRecommendations(a: readonly RecommendedItem[], b: readonly RecommendedItem[]): boolean {
  return (
    a.length === b.length &&
    a.every((item, i) => item.productId === b[i].productId && item.rank === b[i].rank && item.reason === b[i].reason && item.becauseOf === b[i].becauseOf)
  );
}

export function sameDecisions(a: Decisions, b: Decisions): boolean {
  return a.retargeting.length === b.retargeting.length && a.retargeting.every((p, i) => p === b.retargeting[i]) && sameRecommendations(a.recommendations, b.recommendations);
}
