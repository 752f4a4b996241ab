import { Injectable } from '@nestjs/common';
import { RedisClient } from '@touchpoint/redis';
import type { RecommendationState } from '../recommendation-view/recommendation-state';
import { RecommendationStateRepository } from '../recommendation-view/recommendation-state.repository';
import type { RecommendationView } from '../recommendation-view/recommendation-view';
import { noDecisions } from '../recommendation-rules/decide';
import { decodeTold, decodeView, encodeTold, encodeView, recommendationKeys } from './stored-recommendation-state';

/**
 * A retired profile's view holds only the ids of the transitions it applied, to recognise a
 * redelivered batch; redeliveries come within minutes, so it need not outlive a week.
 */
export const RETIRED_VIEW_TTL_SECONDS = 7 * 24 * 60 * 60;

/** Recommendation's state in Redis under its own keys (see stored-recommendation-state). */
@Injectable()
export class RedisRecommendationStateRepository extends RecommendationStateRepository {
  constructor(private readonly client: RedisClient) {
    super();
  }

  async get(profileId: string): Promise<RecommendationState | null> {
    const viewKey = recommendationKeys.view(profileId);
    const toldKey = recommendationKeys.told(profileId);
    const [view, told] = await this.client.redis.mget(viewKey, toldKey);
    if (view === null || view === undefined) return null;
    return { view: decodeView(viewKey, view), told: told === null || told === undefined ? noDecisions : decodeTold(toldKey, told) };
  }

  async getView(profileId: string): Promise<RecommendationView | null> {
    const viewKey = recommendationKeys.view(profileId);
    const view = await this.client.redis.get(viewKey);
    return view === null ? null : decodeView(viewKey, view);
  }

  async put(profileId: string, { view, told }: RecommendationState): Promise<void> {
    const viewKey = recommendationKeys.view(profileId);
    const toldKey = recommendationKeys.told(profileId);
    const storedView = encodeView(view);
    const storedTold = told.retargeting.length === 0 && told.recommendations.length === 0 ? null : encodeTold(told);
    // One MULTI: the view and what was told move together, so a crash never leaves one ahead of the other.
    const write = this.client.redis.multi();
    if (view.retired === null) write.set(viewKey, storedView);
    else write.set(viewKey, storedView, 'EX', RETIRED_VIEW_TTL_SECONDS);
    if (storedTold === null) write.del(toldKey);
    else write.set(toldKey, storedTold);
    const results = await write.exec();
    if (results === null) throw new Error(`the write of ${viewKey} was discarded`);
    const failure = results.find(([error]) => error !== null)?.[0];
    if (failure) throw failure;
  }

  async forget(profileId: string): Promise<void> {
    await this.client.redis.del(recommendationKeys.view(profileId), recommendationKeys.told(profileId));
  }
}
