/** A profile's journey now: state, derived view with the rules behind stage and tier, recent touchpoints and visits. */
export class GetJourneyQuery {
  constructor(readonly profileId: string) {}
}
