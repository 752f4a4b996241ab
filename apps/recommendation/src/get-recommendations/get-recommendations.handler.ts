import { Injectable } from '@nestjs/common';
import { TouchpointError } from '@touchpoint/contracts';
import { Catalog } from '../catalog/catalog';
import { decide } from '../recommendation-rules/decide';
import { RecommendationStateRepository } from '../recommendation-view/recommendation-state.repository';
import type { GetRecommendationsQuery } from './get-recommendations.query';
import type { ProfileRecommendationsResponse } from './profile-recommendations.response';

/**
 * Decides from recommendation's own view with the same rules the topic is fed by, so the two
 * agree. A profile merged away has no answer of its own: its journey lives on in the survivor.
 */
@Injectable()
export class GetRecommendationsHandler {
  constructor(
    private readonly states: RecommendationStateRepository,
    private readonly catalog: Catalog,
  ) {}

  async execute(query: GetRecommendationsQuery): Promise<ProfileRecommendationsResponse> {
    const view = await this.states.getView(query.profileId);
    if (view === null || view.retired !== null || view.summary === null) throw new TouchpointError('TP_PROFILE_NOT_FOUND', `no profile ${query.profileId}`);
    const { retargeting, recommendations } = decide(view, this.catalog);
    return {
      profileId: query.profileId,
      stage: view.summary.stage,
      retargeting,
      recommendations: recommendations.map((item) => ({ ...item, name: this.catalog.nameOf(item.productId) })),
    };
  }
}
