import type { JourneyTransitionV2 } from '@touchpoint/contracts';

export interface ArrivedTransition {
  readonly transition: JourneyTransitionV2;
  /** When ingest accepted the event behind it (epoch ms), when the message says. */
  readonly acceptedAt: number | null;
}

/** Consecutive transitions of one partition, in offset order. */
export class ApplyTransitionsCommand {
  constructor(readonly arrived: readonly ArrivedTransition[]) {}
}
