import { Controller, Get, Param } from '@nestjs/common';
import { parseRequest, RequireAccess } from '@touchpoint/service-runtime';
import { ListProfileIdentifiersHandler, type ProfileIdentifiersView } from './list-profile-identifiers.handler';
import { ListProfileIdentifiersQuery } from './list-profile-identifiers.query';
import { listProfileIdentifiersRequestSchema } from './list-profile-identifiers.request.dto';

@Controller('v1/profiles')
@RequireAccess('read')
export class ListProfileIdentifiersHttpController {
  constructor(private readonly handler: ListProfileIdentifiersHandler) {}

  @Get(':id/identifiers')
  list(@Param() params: unknown): Promise<ProfileIdentifiersView> {
    const request = parseRequest(listProfileIdentifiersRequestSchema, params);
    return this.handler.execute(new ListProfileIdentifiersQuery(request.id));
  }
}
