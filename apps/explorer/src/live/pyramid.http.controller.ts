import { Controller, Get, Headers } from '@nestjs/common';
import { spendTiers } from '@touchpoint/contracts';
import { ForwardedToken } from '../access/forwarded-token';
import type { SpendPyramidView } from '../explorer-api/explorer-api';
import { LiveAccess } from './live-access';
import { LiveFeed } from './live-feed';

@Controller('api')
export class PyramidHttpController {
  constructor(
    private readonly feed: LiveFeed,
    private readonly access: LiveAccess,
    private readonly token: ForwardedToken,
  ) {}

  @Get('pyramid')
  async get(@Headers('authorization') authorization: unknown): Promise<SpendPyramidView> {
    await this.access.checkToken(this.token.of(authorization));
    return { tiers: this.feed.pyramid.counts(spendTiers) };
  }
}
