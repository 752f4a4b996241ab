import type { Channel, JourneyTransition } from '@touchpoint/contracts';
import type { JourneyChange } from '@touchpoint/journey-model';

export interface TransitionCause {
  readonly profileId: string;
  /** The message (event or merge) whose processing produced the change: makes the id stable under redelivery. */
  readonly causedByMessageId: string;
  readonly occurredAt: string;
  readonly channel: Channel | null;
}

export function transitionOf(cause: TransitionCause, change: JourneyChange): JourneyTransition {
  return {
    transitionId: `transition:${cause.profileId}:${cause.causedByMessageId}`,
    profileId: cause.profileId,
    causedByMessageId: cause.causedByMessageId,
    occurredAt: cause.occurredAt,
    channel: cause.channel,
    stage: change.stage,
    products: change.products.map(({ productId, facts }) => ({ productId, facts })),
  };
}

/** The log line of a transition that moved the funnel stage, or null when the stage stayed. */
export function stageLine(transition: JourneyTransition): string | null {
  if (!transition.stage) return null;
  return `profile ${transition.profileId}: ${transition.stage.from} -> ${transition.stage.to} (${transition.causedByMessageId})`;
}
