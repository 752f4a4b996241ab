/** The current retargeting and recommendations of one profile, decided from recommendation's view of its journey. */
export class GetRecommendationsQuery {
  constructor(readonly profileId: string) {}
}
