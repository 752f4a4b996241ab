import type { JourneyTransitionV2, RecommendationMessage, RetargetingStopReason } from '@touchpoint/contracts';
import { type Decisions, sameRecommendations } from './decide';

type DecisionCause = RecommendationMessage['cause'];

export interface MessageCause {
  readonly profileId: string;
  /** The transition decided on; null for an erasure. */
  readonly transitionId: string | null;
  readonly cause: DecisionCause;
  readonly occurredAt: string;
}

export const causeOf = (transition: JourneyTransitionV2): MessageCause => ({
  profileId: transition.profileId,
  transitionId: transition.transitionId,
  cause: { kind: transition.cause.kind, id: transition.cause.id },
  occurredAt: transition.occurredAt,
});

export interface StopExplanation {
  readonly reason: RetargetingStopReason;
  readonly survivorProfileId: string | null;
}

/**
 * A message id from its content: the type, the profile, what it is about and what caused it
 * (a transition id is itself a hash of the transition's content). A transition moves the
 * decisions at most once, the first time it is taken in, so no id is ever used for two
 * different messages, and a replay in the same order tells the same thing under the same ids.
 */
const messageId = (type: RecommendationMessage['type'], cause: MessageCause, subject: string): string =>
  `${type}:${cause.profileId}:${subject}:${cause.transitionId ?? `${cause.cause.kind}-${cause.cause.id}`}`;

const added = (from: readonly string[], to: readonly string[]): string[] => {
  const had = new Set(from);
  return to.filter((x) => !had.has(x)).sort();
};

/**
 * What to tell marketing platforms when the decisions move from `previous` (what they were
 * last told) to `next`: stops first, then starts, then the full recommendation list if it
 * changed (an empty list too: that is how they learn to drop it), then audiences exited and
 * entered.
 */
export function planMessages(cause: MessageCause, previous: Decisions, next: Decisions, explainStop: (productId: string) => StopExplanation): RecommendationMessage[] {
  const base = { profileId: cause.profileId, occurredAt: cause.occurredAt, transitionId: cause.transitionId, cause: cause.cause };
  const stopped: RecommendationMessage[] = added(next.retargeting, previous.retargeting).map((productId) => ({
    ...base,
    id: messageId('retargeting.stopped', cause, productId),
    type: 'retargeting.stopped',
    productId,
    ...explainStop(productId),
  }));
  const started: RecommendationMessage[] = added(previous.retargeting, next.retargeting).map((productId) => ({
    ...base,
    id: messageId('retargeting.started', cause, productId),
    type: 'retargeting.started',
    productId,
  }));
  const updated: RecommendationMessage[] = sameRecommendations(previous.recommendations, next.recommendations)
    ? []
    : [{ ...base, id: messageId('recommendations.updated', cause, 'list'), type: 'recommendations.updated', items: [...next.recommendations] }];
  const exited: RecommendationMessage[] = added(next.audiences, previous.audiences).map((audienceId) => ({
    ...base,
    id: messageId('audience.exited', cause, audienceId),
    type: 'audience.exited',
    audienceId,
  }));
  const entered: RecommendationMessage[] = added(previous.audiences, next.audiences).map((audienceId) => ({
    ...base,
    id: messageId('audience.entered', cause, audienceId),
    type: 'audience.entered',
    audienceId,
  }));
  return [...stopped, ...started, ...updated, ...exited, ...entered];
}
