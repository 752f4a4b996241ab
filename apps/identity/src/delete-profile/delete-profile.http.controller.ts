import { Controller, Delete, Headers, Param, Query } from '@nestjs/common';
import { parseRequest, RequireAccess } from '@touchpoint/service-runtime';
import { DeleteProfileCommand, type DeletionTarget } from './delete-profile.command';
import { DeleteProfileHandler, type DeletionView } from './delete-profile.handler';
import { deleteProfileByIdentifierRequestSchema, deleteProfileByIdRequestSchema, requestedBySchema } from './delete-profile.request.dto';

/** Admin only: `Authorization: Bearer <admin token>` (ACCESS_ADMIN_TOKENS, or IDENTITY_ADMIN_TOKEN). */
@Controller('v1/profiles')
@RequireAccess('admin')
export class DeleteProfileHttpController {
  constructor(private readonly handler: DeleteProfileHandler) {}

  @Delete(':id')
  deleteById(@Param() params: unknown, @Headers() headers: Record<string, unknown>): Promise<DeletionView> {
    const { id } = parseRequest(deleteProfileByIdRequestSchema, params);
    return this.run({ kind: 'profile', profileId: id }, headers);
  }

  @Delete()
  deleteByIdentifier(@Query() query: unknown, @Headers() headers: Record<string, unknown>): Promise<DeletionView> {
    const { type, value, chain } = parseRequest(deleteProfileByIdentifierRequestSchema, query);
    return this.run({ kind: 'identifier', type, value, chainId: chain }, headers);
  }

  private run(target: DeletionTarget, headers: Record<string, unknown>): Promise<DeletionView> {
    const requestedBy = parseRequest(requestedBySchema, headers['x-requested-by']);
    return this.handler.execute(new DeleteProfileCommand(target, requestedBy));
  }
}
