/** The current retargeting and recommendations of one profile, as platforms were told, for a page in `contextProductId`. */
export class GetRecommendationsQuery {
  constructor(
    readonly profileId: string,
    readonly limit: number,
    readonly contextProductId: string | null = null,
  ) {}
}
