import { Controller, Get, Param, Query } from '@nestjs/common';
import { parseRequest, RequireAccess } from '@touchpoint/service-runtime';
import { GetRecommendationsHandler } from './get-recommendations.handler';
import { GetRecommendationsQuery } from './get-recommendations.query';
import { profilePathSchema, recommendationsQuerySchema } from './get-recommendations.request.dto';
import type { ProfileRecommendationsResponse } from './profile-recommendations.response';

@Controller('v1/profiles')
@RequireAccess('read')
export class RecommendationsHttpController {
  constructor(private readonly getRecommendations: GetRecommendationsHandler) {}

  @Get(':id/recommendations')
  get(@Param() params: unknown, @Query() query: unknown): Promise<ProfileRecommendationsResponse> {
    const { id } = parseRequest(profilePathSchema, params);
    const { limit, context } = parseRequest(recommendationsQuerySchema, query);
    return this.getRecommendations.execute(new GetRecommendationsQuery(id, limit, context ?? null));
  }
}
