import { Injectable } from '@nestjs/common';
import { TouchpointError } from '@touchpoint/contracts';
import { funnelStage } from '@touchpoint/journey-model';
import { JourneyProfiles } from '../profiles/journey-profiles';
import { Catalog } from '../catalog/catalog';
import { decide } from '../recommendation-rules/decide';
import type { GetRecommendationsQuery } from './get-recommendations.query';
import type { ProfileRecommendationsResponse } from './profile-recommendations.response';

/** Decides live from the cached journey with the same rules the topic is fed by, so the two always agree. */
@Injectable()
export class GetRecommendationsHandler {
  constructor(
    private readonly profiles: JourneyProfiles,
    private readonly catalog: Catalog,
  ) {}

  async execute(query: GetRecommendationsQuery): Promise<ProfileRecommendationsResponse> {
    const state = await this.profiles.get(query.profileId);
    if (!state) throw new TouchpointError('TP_PROFILE_NOT_FOUND', `no profile ${query.profileId}`);
    const { retargeting, recommendations } = decide(state.products, this.catalog);
    return {
      profileId: query.profileId,
      stage: funnelStage(state),
      retargeting,
      recommendations: recommendations.map((item) => ({ ...item, name: this.catalog.nameOf(item.productId) })),
    };
  }
}
