import type { JourneyTransition } from '@touchpoint/contracts';

/** Re-decide retargeting and recommendations for the profile a journey transition is about. */
export class ApplyTransitionCommand {
  constructor(
    readonly transition: JourneyTransition,
    readonly traceId?: string,
  ) {}
}
