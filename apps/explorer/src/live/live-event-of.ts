import type { JourneyTransitionV2, RecommendationMessage } from '@touchpoint/contracts';
import type { DecisionView, LiveEvent } from '../explorer-api/explorer-api';

/** What the page shows of a transition: where the journey went and which products changed. */
export function liveTransitionOf(transition: JourneyTransitionV2): LiveEvent {
  return {
    kind: 'transition',
    transitionId: transition.transitionId,
    at: transition.occurredAt,
    stage: transition.after?.stage ?? null,
    step: transition.after?.step ?? null,
    tier: transition.after?.tier ?? null,
    cause: transition.cause,
    productsChanged: transition.products.map((product) => product.productId),
    survivorProfileId: transition.survivorProfileId,
  };
}

/** A message of the recommendations topic as a decision: what was told, why, and the transition and event that caused it. */
export function decisionOf(message: RecommendationMessage): DecisionView {
  const common = { id: message.id, type: message.type, occurredAt: message.occurredAt, toldAt: null, transitionId: message.transitionId, cause: message.cause };
  switch (message.type) {
    case 'retargeting.started':
      return { ...common, productId: message.productId, reason: null, items: [] };
    case 'retargeting.stopped':
      return { ...common, productId: message.productId, reason: message.reason, items: message.survivorProfileId ? [`survivor ${message.survivorProfileId}`] : [] };
    case 'recommendations.updated':
      return {
        ...common,
        productId: null,
        reason: null,
        items: message.items.map((item) => `${item.productId} (${item.reason}${item.becauseOf ? ` of ${item.becauseOf}` : ''})`),
      };
    case 'audience.entered':
    case 'audience.exited':
      return { ...common, productId: null, reason: null, items: [message.audienceId] };
  }
}
