import type { JourneySummary, JourneyTransitionV2, ProductStatus } from '@touchpoint/contracts';

/**
 * How many applied transition ids a view remembers. A consumer commits offsets per fetched
 * batch, so a crash redelivers the tail of a batch, not only its last message: every
 * transition of that tail must be recognised, or an older one would roll the view back and
 * re-send messages under old ids with other content.
 */
export const REMEMBERED_TRANSITIONS = 16;

/** Recommendation's own picture of one profile, built only from journey transitions. */
export interface RecommendationView {
  /** The derived status of every product the profile has, by product id. */
  readonly products: Readonly<Record<string, ProductStatus>>;
  /** The latest journey summary; null before the first transition and once retired. */
  readonly summary: JourneySummary | null;
  /** Ids of the latest applied transitions, newest (the last applied) first. */
  readonly recentTransitionIds: readonly string[];
  /**
   * Set once the profile was merged away. The view then keeps only the ids it applied, so a
   * redelivered transition from before the merge is still recognised.
   */
  readonly retired: { readonly survivorProfileId: string | null } | null;
}

export const emptyRecommendationView: RecommendationView = Object.freeze({ products: {}, summary: null, recentTransitionIds: [], retired: null });

/** True when the transition is one the view already took in (a redelivery). */
export function alreadyApplied(view: RecommendationView, transitionId: string): boolean {
  return view.recentTransitionIds.includes(transitionId);
}

const remember = (view: RecommendationView, transitionId: string): readonly string[] => [transitionId, ...view.recentTransitionIds].slice(0, REMEMBERED_TRANSITIONS);

/**
 * The view after a transition: each changed product takes its `after` status (null: it is no
 * longer this profile's, so it is dropped), the summary becomes `after`. A retired profile
 * keeps nothing but the ids it applied. Transitions of one profile arrive in order, so one that
 * is not a redelivery is newer than the view, whatever the view holds.
 */
export function applyToView(view: RecommendationView, transition: JourneyTransitionV2): RecommendationView {
  const recentTransitionIds = remember(view, transition.transitionId);
  if (transition.kind === 'retired') return { products: {}, summary: null, recentTransitionIds, retired: { survivorProfileId: transition.survivorProfileId } };
  const products: Record<string, ProductStatus> = { ...view.products };
  for (const { productId, after } of transition.products) {
    if (after === null) delete products[productId];
    else products[productId] = after;
  }
  return { products, summary: transition.after ?? view.summary, recentTransitionIds, retired: null };
}
