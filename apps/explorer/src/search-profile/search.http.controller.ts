import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { parseRequest } from '@touchpoint/service-runtime';
import { ForwardedToken } from '../access/forwarded-token';
import type { SearchAnswer } from '../explorer-api/explorer-api';
import { SearchProfileHandler } from './search-profile.handler';
import { searchProfileRequestSchema } from './search-profile.request.dto';

@Controller('api')
export class SearchHttpController {
  constructor(
    private readonly handler: SearchProfileHandler,
    private readonly token: ForwardedToken,
  ) {}

  @Post('search')
  @HttpCode(200)
  search(@Body() body: unknown, @Headers('authorization') authorization: unknown): Promise<SearchAnswer> {
    return this.handler.execute(parseRequest(searchProfileRequestSchema, body), this.token.of(authorization));
  }
}
