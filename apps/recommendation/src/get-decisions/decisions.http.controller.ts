import { Controller, Get, Param, Query } from '@nestjs/common';
import { parseRequest, RequireAccess } from '@touchpoint/service-runtime';
import { z } from 'zod';
import { profilePathSchema } from '../get-recommendations/get-recommendations.request.dto';
import { GetDecisionsHandler, GetDecisionsQuery, type ProfileDecisionsResponse } from './get-decisions.handler';

const decisionsQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(1_000).default(100) });

@Controller('v1/profiles')
@RequireAccess('read')
export class DecisionsHttpController {
  constructor(private readonly getDecisions: GetDecisionsHandler) {}

  @Get(':id/decisions')
  get(@Param() params: unknown, @Query() query: unknown): Promise<ProfileDecisionsResponse> {
    const { id } = parseRequest(profilePathSchema, params);
    const { limit } = parseRequest(decisionsQuerySchema, query);
    return this.getDecisions.execute(new GetDecisionsQuery(id, limit));
  }
}
