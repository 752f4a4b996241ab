import { Controller, Get, Query } from '@nestjs/common';
import { parseRequest, RequireAccess } from '@touchpoint/service-runtime';
import { LookupProfileHandler } from './lookup-profile.handler';
import { LookupProfileQuery } from './lookup-profile.query';
import { lookupProfileRequestSchema } from './lookup-profile.request.dto';

@Controller('v1/profiles')
@RequireAccess('read')
export class LookupProfileHttpController {
  constructor(private readonly handler: LookupProfileHandler) {}

  @Get('lookup')
  lookup(@Query() query: unknown): Promise<{ profileId: string }> {
    const request = parseRequest(lookupProfileRequestSchema, query);
    return this.handler.execute(new LookupProfileQuery(request.type, request.value, request.chain, request.hashed ?? false));
  }
}
