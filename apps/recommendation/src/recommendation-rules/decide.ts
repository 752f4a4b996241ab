import type { RecommendedItem } from '@touchpoint/contracts';
import type { AccessoryCatalog } from './accessory-catalog';
import { recommendAccessories } from './accessory.rules';
import { audiencesOf } from './audience.rules';
import { refusedPersonalization } from './consent.rules';
import type { SimilarProducts } from '../signals/similar-products';
import { noSimilarProducts } from '../signals/similar-products';
import type { ProfileFacts } from './profile-facts';
import { retargetedProducts } from './retargeting.rules';

/** Everything marketing platforms should currently do for one profile. */
export interface Decisions {
  /** Products to retarget, sorted. */
  readonly retargeting: readonly string[];
  /** Ranked recommendations. */
  readonly recommendations: readonly RecommendedItem[];
  /** Audience ids, sorted. */
  readonly audiences: readonly string[];
}

export const noDecisions: Decisions = Object.freeze({ retargeting: [], recommendations: [], audiences: [] });

/**
 * A pure function of the profile's facts, the catalog and the co-occurrence snapshot: the same
 * facts decide the same, however they were learnt.
 */
export function decide(facts: ProfileFacts, catalog: AccessoryCatalog, signals: SimilarProducts = noSimilarProducts): Decisions {
  return {
    retargeting: retargetedProducts(facts, catalog),
    recommendations: refusedPersonalization(facts.summary) ? [] : recommendAccessories(facts.products, catalog, signals, facts.summary?.audiences ?? []),
    audiences: audiencesOf(facts.summary),
  };
}

export function sameRecommendations(a: readonly RecommendedItem[], b: readonly RecommendedItem[]): boolean {
  return (
    a.length === b.length &&
    a.every((item, i) => item.productId === b[i].productId && item.rank === b[i].rank && item.reason === b[i].reason && item.becauseOf === b[i].becauseOf)
  );
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export function sameDecisions(a: Decisions, b: Decisions): boolean {
  return sameList(a.retargeting, b.retargeting) && sameRecommendations(a.recommendations, b.recommendations) && sameList(a.audiences, b.audiences);
}
