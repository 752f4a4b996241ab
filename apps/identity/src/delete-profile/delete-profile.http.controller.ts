import { Controller, Delete, Headers, Inject, Param, Query } from '@nestjs/common';
import { ADMIN_TOKEN, assertAdmin } from '../app/admin-authorization';
import { parseRequest } from '../app/parse-request';
import { DeleteProfileCommand, type DeletionTarget } from './delete-profile.command';
import { DeleteProfileHandler, type DeletionView } from './delete-profile.handler';
import { deleteProfileByIdentifierRequestSchema, deleteProfileByIdRequestSchema, requestedBySchema } from './delete-profile.request.dto';

/** Admin only: `Authorization: Bearer <IDENTITY_ADMIN_TOKEN>`. */
@Controller('v1/profiles')
export class DeleteProfileHttpController {
  constructor(
    private readonly handler: DeleteProfileHandler,
    @Inject(ADMIN_TOKEN) private readonly adminToken: string | null,
  ) {}

  @Delete(':id')
  deleteById(@Param() params: unknown, @Headers() headers: Record<string, unknown>): Promise<DeletionView> {
    assertAdmin(this.adminToken, headers['authorization']);
    const { id } = parseRequest(deleteProfileByIdRequestSchema, params);
    return this.run({ kind: 'profile', profileId: id }, headers);
  }

  @Delete()
  deleteByIdentifier(@Query() query: unknown, @Headers() headers: Record<string, unknown>): Promise<DeletionView> {
    assertAdmin(this.adminToken, headers['authorization']);
    const { type, value } = parseRequest(deleteProfileByIdentifierRequestSchema, query);
    return this.run({ kind: 'identifier', type, value }, headers);
  }

  private run(target: DeletionTarget, headers: Record<string, unknown>): Promise<DeletionView> {
    const requestedBy = parseRequest(requestedBySchema, headers['x-requested-by']);
    return this.handler.execute(new DeleteProfileCommand(target, requestedBy));
  }
}
