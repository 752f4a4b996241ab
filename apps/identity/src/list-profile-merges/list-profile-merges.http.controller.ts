import { Controller, Get, Param } from '@nestjs/common';
import { parseRequest, RequireAccess } from '@touchpoint/service-runtime';
import type { ProfileHistoryView } from '../domain/profile-history';
import { ListProfileMergesHandler } from './list-profile-merges.handler';
import { ListProfileMergesQuery } from './list-profile-merges.query';
import { listProfileMergesRequestSchema } from './list-profile-merges.request.dto';

@Controller('v1/profiles')
@RequireAccess('read')
export class ListProfileMergesHttpController {
  constructor(private readonly handler: ListProfileMergesHandler) {}

  @Get(':id/merges')
  list(@Param() params: unknown): Promise<ProfileHistoryView> {
    const request = parseRequest(listProfileMergesRequestSchema, params);
    return this.handler.execute(new ListProfileMergesQuery(request.id));
  }
}
