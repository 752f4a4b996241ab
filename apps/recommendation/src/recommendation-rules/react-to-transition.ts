import type { JourneyTransitionV2, ProfileDeleted, RecommendationMessage } from '@touchpoint/contracts';
import type { RecommendationState } from '../recommendation-view/recommendation-state';
import { applyToView, emptyRecommendationView, factsOf } from '../recommendation-view/recommendation-view';
import type { SimilarProducts } from '../signals/similar-products';
import { noSimilarProducts } from '../signals/similar-products';
import type { AccessoryCatalog } from './accessory-catalog';
import { decide, noDecisions, sameDecisions } from './decide';
import { causeOf, type MessageCause, planMessages } from './plan-messages';
import { stopReason } from './retargeting.rules';

export interface Reaction {
  /** The state to keep, with `messages` to publish after it. */
  readonly state: RecommendationState;
  /** What to tell marketing platforms, in order; empty when no decision moved. */
  readonly messages: RecommendationMessage[];
}

/**
 * One journey transition, decided: the pure core of the service. null when the transition
 * moves nothing in the view (a redelivery, or facts older than those held), so it sends and
 * changes nothing.
 *
 * A profile retired into a survivor withdraws, under its own id, everything it was told
 * (stops with `profile_merged` and the survivor's id, an empty list, audiences exited) and
 * adds nothing: the survivor's own transition carries the folded facts and decides there.
 */
export function reactToTransition(state: RecommendationState, transition: JourneyTransitionV2, catalog: AccessoryCatalog, signals: SimilarProducts = noSimilarProducts): Reaction | null {
  const view = applyToView(state.view, transition);
  if (view === state.view) return null;
  const { retiredInto, facts } = factsOf(view);
  const next = retiredInto !== null ? noDecisions : decide(facts, catalog, signals);
  const cause = causeOf(transition);
  if (sameDecisions(state.told, next)) return { state: { view, told: state.told }, messages: [] };
  const messages =
    retiredInto !== null
      ? planMessages(cause, state.told, next, () => ({ reason: 'profile_merged', survivorProfileId: retiredInto }))
      : planMessages(cause, state.told, next, (productId) => ({ reason: stopReason(productId, facts.products[productId], facts.summary, catalog), survivorProfileId: null }));
  return { state: { view, told: next }, messages };
}

/** An erased profile: everything it was told is withdrawn with reason `erased`, and nothing of it is kept. */
export function reactToErasure(profileId: string, state: RecommendationState, deleted: ProfileDeleted): Reaction {
  const cause: MessageCause = { profileId, transitionId: null, cause: { kind: 'erasure', id: deleted.deletionId }, occurredAt: deleted.deletedAt };
  const messages = planMessages(cause, state.told, noDecisions, () => ({ reason: 'erased', survivorProfileId: null }));
  return { state: { view: emptyRecommendationView, told: noDecisions }, messages };
}

/**
 * The catalog moved (a product out of stock, back, or with other accessories): the profile is
 * decided again from the view it has, under the catalog change as cause. null when nothing moved.
 */
export function reactToCatalog(
  profileId: string,
  state: RecommendationState,
  catalog: AccessoryCatalog,
  change: { readonly id: string; readonly at: string },
  signals: SimilarProducts = noSimilarProducts,
): Reaction | null {
  const { retiredInto, facts } = factsOf(state.view);
  if (retiredInto !== null) return null;
  const next = decide(facts, catalog, signals);
  if (sameDecisions(state.told, next)) return null;
  const cause: MessageCause = { profileId, transitionId: null, cause: { kind: 'catalog', id: change.id }, occurredAt: change.at };
  const messages = planMessages(cause, state.told, next, (productId) => ({ reason: stopReason(productId, facts.products[productId], facts.summary, catalog), survivorProfileId: null }));
  return { state: { view: state.view, told: next }, messages };
}
