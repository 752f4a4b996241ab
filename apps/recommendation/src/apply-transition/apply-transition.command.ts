import type { JourneyTransitionV2 } from '@touchpoint/contracts';

/** Take a journey transition into the profile's view and tell platforms what it changes. */
export class ApplyTransitionCommand {
  constructor(
    readonly transition: JourneyTransitionV2,
    readonly traceId?: string,
  ) {}
}
