import { Controller, Get, Query } from '@nestjs/common';
import { parseRequest, RequireAccess } from '@touchpoint/service-runtime';
import type { RefusalsView } from '../domain/profile-history';
import { ListMergeRefusalsHandler } from './list-merge-refusals.handler';
import { ListMergeRefusalsQuery } from './list-merge-refusals.query';
import { listMergeRefusalsRequestSchema } from './list-merge-refusals.request.dto';

@Controller('v1/merge-refusals')
@RequireAccess('read')
export class ListMergeRefusalsHttpController {
  constructor(private readonly handler: ListMergeRefusalsHandler) {}

  @Get()
  list(@Query() query: unknown): Promise<RefusalsView> {
    const request = parseRequest(listMergeRefusalsRequestSchema, query);
    return this.handler.execute(
      new ListMergeRefusalsQuery({ reason: request.reason ?? null, before: request.before ? new Date(request.before) : null, limit: request.limit }),
    );
  }
}
