import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { parseRequest } from '@touchpoint/service-runtime';
import { z } from 'zod';
import { ForwardedToken } from '../access/forwarded-token';
import type { Part, ProfileView } from '../explorer-api/explorer-api';
import { ProfileChangesHandler } from './profile-changes.handler';
import { profilePathSchema } from './profile-path.request.dto';
import { ProfileViewHandler } from './profile-view.handler';

const unmergeBodySchema = z.object({ mergeId: z.string().trim().min(1).max(600) });

@Controller('api/profiles')
export class ProfileHttpController {
  constructor(
    private readonly view: ProfileViewHandler,
    private readonly changes: ProfileChangesHandler,
    private readonly token: ForwardedToken,
  ) {}

  @Get(':id')
  get(@Param() params: unknown, @Headers('authorization') authorization: unknown): Promise<ProfileView> {
    const { id } = parseRequest(profilePathSchema, params);
    return this.view.execute(id, this.token.of(authorization));
  }

  @Post(':id/unmerge')
  @HttpCode(200)
  unmerge(@Param() params: unknown, @Body() body: unknown, @Headers('authorization') authorization: unknown): Promise<Part<Record<string, unknown>>> {
    const { id } = parseRequest(profilePathSchema, params);
    return this.changes.unmerge(id, parseRequest(unmergeBodySchema, body), this.token.presented(authorization));
  }

  @Post(':id/delete')
  @HttpCode(200)
  delete(@Param() params: unknown, @Headers('authorization') authorization: unknown): Promise<Part<Record<string, unknown>>> {
    const { id } = parseRequest(profilePathSchema, params);
    return this.changes.delete(id, this.token.presented(authorization));
  }
}
