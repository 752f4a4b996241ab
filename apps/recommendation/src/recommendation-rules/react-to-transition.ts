import type { JourneyTransitionV2, RecommendationMessage } from '@touchpoint/contracts';
import type { RecommendationState } from '../recommendation-view/recommendation-state';
import { alreadyApplied, applyToView } from '../recommendation-view/recommendation-view';
import type { AccessoryCatalog } from './accessory-catalog';
import { decide, noDecisions, sameDecisions } from './decide';
import { causeOf, planMessages } from './plan-messages';
import { stopReason } from './retargeting.rules';

export interface Reaction {
  /** The state to keep once `messages` are published. */
  readonly state: RecommendationState;
  /** What to tell marketing platforms, in order; empty when no decision moved. */
  readonly messages: RecommendationMessage[];
}

/**
 * One journey transition, decided: the pure core of the service. null for a transition the
 * state already took in, so a redelivery sends and changes nothing.
 *
 * A retired profile withdraws, under its own id, everything it was told (stops with
 * `profile_merged`, an empty recommendation list if there was one) and adds nothing: the
 * survivor's own transition carries the folded products and decides under the survivor.
 */
export function reactToTransition(state: RecommendationState, transition: JourneyTransitionV2, catalog: AccessoryCatalog): Reaction | null {
  if (alreadyApplied(state.view, transition.transitionId)) return null;
  const view = applyToView(state.view, transition);
  const cause = causeOf(transition);
  if (transition.kind === 'retired') return { state: { view, told: noDecisions }, messages: planMessages(cause, state.told, noDecisions, () => 'profile_merged') };

  const next = decide(view, catalog);
  const messages = sameDecisions(state.told, next) ? [] : planMessages(cause, state.told, next, (productId) => stopReason(view.products[productId], view.summary));
  return { state: { view, told: next }, messages };
}
