import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { parseRequest, RequireAccess } from '@touchpoint/service-runtime';
import { requestedBySchema } from '../delete-profile/delete-profile.request.dto';
import type { UnmergeRecord } from '../domain/profile-history';
import { UnmergeProfileCommand } from './unmerge-profile.command';
import { UnmergeProfileHandler } from './unmerge-profile.handler';
import { unmergeProfileBodySchema, unmergeProfileParamsSchema } from './unmerge-profile.request.dto';

/** Admin only, like deletion: undoing a merge changes what every platform is told about two people. */
@Controller('v1/profiles')
@RequireAccess('admin')
export class UnmergeProfileHttpController {
  constructor(private readonly handler: UnmergeProfileHandler) {}

  @Post(':id/unmerge')
  // 200 for the first call and every repeat: the same unmerge is answered.
  @HttpCode(200)
  unmerge(@Param() params: unknown, @Body() body: unknown, @Headers() headers: Record<string, unknown>): Promise<UnmergeRecord> {
    const { id } = parseRequest(unmergeProfileParamsSchema, params);
    const { mergeId } = parseRequest(unmergeProfileBodySchema, body);
    const requestedBy = parseRequest(requestedBySchema, headers['x-requested-by']);
    return this.handler.execute(new UnmergeProfileCommand(id, mergeId, requestedBy));
  }
}
