/** The current retargeting and recommendations of one profile, decided from its journey now. */
export class GetRecommendationsQuery {
  constructor(readonly profileId: string) {}
}
