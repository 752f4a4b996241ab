import type { JourneyTransitionV2, RecommendationMessage, RetargetingStopReason } from '@touchpoint/contracts';
import { type Decisions, sameRecommendations } from './decide';

export interface MessageCause {
  readonly profileId: string;
  /** What moved the journey (event messageId, mergeId, timer id): with the profile (and product) it makes every id stable. */
  readonly causedByMessageId: string;
  /**
   * The transition's own id, a hash of its content: two transitions with one cause (an event
   * and, later, an earlier copy of it) differ in it, so their messages never share an id.
   */
  readonly transitionId: string;
  readonly occurredAt: string;
}

export const causeOf = (transition: JourneyTransitionV2): MessageCause => ({
  profileId: transition.profileId,
  causedByMessageId: transition.cause.id,
  transitionId: transition.transitionId,
  occurredAt: transition.occurredAt,
});

/**
 * What to tell marketing platforms when the decisions move from `previous` (what they were
 * last told) to `next`: stops first, then starts, then the full recommendation list if it
 * changed (an empty list too: that is how they learn to stop).
 */
export function planMessages(
  cause: MessageCause,
  previous: Decisions,
  next: Decisions,
  stopReasonOf: (productId: string) => RetargetingStopReason,
): RecommendationMessage[] {
  const { profileId, causedByMessageId, transitionId, occurredAt } = cause;
  const base = { profileId, causedByMessageId, occurredAt };
  const was = new Set(previous.retargeting);
  const is = new Set(next.retargeting);
  const stopped: RecommendationMessage[] = [...was]
    .filter((productId) => !is.has(productId))
    .sort()
    .map((productId) => ({
      ...base,
      id: `retargeting.stopped:${profileId}:${productId}:${transitionId}`,
      type: 'retargeting.stopped',
      productId,
      reason: stopReasonOf(productId),
    }));
  const started: RecommendationMessage[] = [...is]
    .filter((productId) => !was.has(productId))
    .sort()
    .map((productId) => ({ ...base, id: `retargeting.started:${profileId}:${productId}:${transitionId}`, type: 'retargeting.started', productId }));
  const updated: RecommendationMessage[] = sameRecommendations(previous.recommendations, next.recommendations)
    ? []
    : [{ ...base, id: `recommendations.updated:${profileId}:${transitionId}`, type: 'recommendations.updated', items: [...next.recommendations] }];
  return [...stopped, ...started, ...updated];
}
