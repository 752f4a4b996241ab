import { Controller, Get, Param } from '@nestjs/common';
import { GetRecommendationsHandler } from './get-recommendations.handler';
import { GetRecommendationsQuery } from './get-recommendations.query';
import { parseGetRecommendationsParams } from './get-recommendations.request.dto';
import type { ProfileRecommendationsResponse } from './profile-recommendations.response';

@Controller('v1/profiles')
export class RecommendationsHttpController {
  constructor(private readonly getRecommendations: GetRecommendationsHandler) {}

  @Get(':id/recommendations')
  get(@Param() params: unknown): Promise<ProfileRecommendationsResponse> {
    const { id } = parseGetRecommendationsParams(params);
    return this.getRecommendations.execute(new GetRecommendationsQuery(id));
  }
}
