import { Injectable } from '@nestjs/common';
import { TouchpointError } from '@touchpoint/contracts';
import { Catalog } from '../catalog/catalog';
import { RecommendationRecord } from '../recommendation-record/recommendation-record';
import { factsOf } from '../recommendation-view/recommendation-view';
import type { GetRecommendationsQuery } from './get-recommendations.query';
import { inContext } from './in-context';
import type { ProfileRecommendationsResponse } from './profile-recommendations.response';

/**
 * Answers from the state of record, as platforms were told: the state is committed before its
 * messages are published, so once a stop is on the topic a pull leaves the product out too. A
 * merged-away id answers for its survivor.
 */
@Injectable()
export class GetRecommendationsHandler {
  constructor(
    private readonly record: RecommendationRecord,
    private readonly catalog: Catalog,
  ) {}

  async execute(query: GetRecommendationsQuery): Promise<ProfileRecommendationsResponse> {
    const stored = await this.record.read(query.profileId);
    if (stored === null) throw new TouchpointError('TP_PROFILE_NOT_FOUND', `no profile ${query.profileId}`);
    const { facts } = factsOf(stored.state.view);
    const { told } = stored.state;
    const items = inContext(told.recommendations, facts.products, query.contextProductId, this.catalog, query.limit);
    return {
      profileId: stored.profileId,
      requestedProfileId: query.profileId,
      stage: facts.summary?.stage ?? null,
      retargeting: told.retargeting,
      recommendations: items.map((item) => ({ ...item, name: this.catalog.nameOf(item.productId) })),
      audiences: told.audiences,
    };
  }
}
