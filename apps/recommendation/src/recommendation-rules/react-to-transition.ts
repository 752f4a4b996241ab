import type { JourneyTransitionV2, ProfileDeleted, RecommendationMessage } from '@touchpoint/contracts';
import type { RecommendationState } from '../recommendation-view/recommendation-state';
import { applyToView, emptyRecommendationView, factsOf, type RecommendationView } from '../recommendation-view/recommendation-view';
import { type Decisions, decide, noDecisions, sameDecisions } from './decide';
import type { DecisionContext } from './decision-context';
import { causeOf, type MessageCause, planMessages, type StopExplanation } from './plan-messages';
import { clockRetargeting, emptyRetargetingClock, unlimitedRetargeting } from './retargeting-clock';
import { stopReason } from './retargeting.rules';

export interface Reaction {
  /** The state to keep, with `messages` to publish after it. */
  readonly state: RecommendationState;
  /** What to tell marketing platforms, in order; empty when no decision moved. */
  readonly messages: RecommendationMessage[];
}

/** The decisions for a view, with retargeting clocked (expiry, limit), and why each stop happens. */
function decideLive(state: RecommendationState, view: RecommendationView, context: DecisionContext, now: number) {
  const { retiredInto, facts } = factsOf(view);
  if (retiredInto !== null) {
    return { next: noDecisions, clock: emptyRetargetingClock, nextDueAt: null, explain: (): StopExplanation => ({ reason: 'profile_merged', survivorProfileId: retiredInto }) };
  }
  const wanted = decide(facts, context.catalog, context.signals);
  const clocked = clockRetargeting(wanted.retargeting, state.told.retargeting, view, state.clock ?? emptyRetargetingClock, context.policy ?? unlimitedRetargeting, now);
  const next: Decisions = { ...wanted, retargeting: clocked.retargeting };
  const explain = (productId: string): StopExplanation => ({
    reason: clocked.expiring.has(productId) ? 'expired' : stopReason(productId, facts.products[productId], facts.summary, context.catalog),
    survivorProfileId: null,
  });
  return { next, clock: clocked.clock, nextDueAt: clocked.nextDueAt, explain };
}

function reactWith(state: RecommendationState, view: RecommendationView, cause: MessageCause, context: DecisionContext): Reaction {
  const { next, clock, nextDueAt, explain } = decideLive(state, view, context, context.now ?? Date.parse(cause.occurredAt));
  const messages = sameDecisions(state.told, next) ? [] : planMessages(cause, state.told, next, explain);
  return { state: { view, told: messages.length > 0 ? next : state.told, clock, nextDueAt }, messages };
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
export function reactToTransition(state: RecommendationState, transition: JourneyTransitionV2, context: DecisionContext): Reaction | null {
  const view = applyToView(state.view, transition);
  if (view === state.view) return null;
  return reactWith(state, view, causeOf(transition), context);
}

/** An erased profile: everything it was told is withdrawn with reason `erased`, and nothing of it is kept. */
export function reactToErasure(profileId: string, state: RecommendationState, deleted: ProfileDeleted): Reaction {
  const cause: MessageCause = { profileId, transitionId: null, cause: { kind: 'erasure', id: deleted.deletionId }, occurredAt: deleted.deletedAt };
  const messages = planMessages(cause, state.told, noDecisions, () => ({ reason: 'erased', survivorProfileId: null }));
  return { state: { view: emptyRecommendationView, told: noDecisions }, messages };
}

/**
 * The world moved under the profile (the catalog changed, or a retargeting expiry fell due):
 * it is decided again from the view it has, under that change as cause. null when nothing moved.
 */
export function reactToChange(profileId: string, state: RecommendationState, context: DecisionContext, change: { readonly kind: 'catalog' | 'timer'; readonly id: string; readonly at: string }): Reaction | null {
  if (factsOf(state.view).retiredInto !== null) return null;
  const reaction = reactWith(state, state.view, { profileId, transitionId: null, cause: { kind: change.kind, id: change.id }, occurredAt: change.at }, context);
  return reaction.messages.length === 0 && reaction.state.nextDueAt === (state.nextDueAt ?? null) ? null : reaction;
}
