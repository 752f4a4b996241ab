import { Controller, Get, Param, Res } from '@nestjs/common';
import { parseRequest, RequireAccess } from '@touchpoint/service-runtime';
import type { FastifyReply } from 'fastify';
import type { JourneyDocument } from '../journey-record/journey-document';
import { GetJourneyHandler } from './get-journey.handler';
import { GetJourneyQuery } from './get-journey.query';
import { profilePathSchema } from './profile-path.request.dto';
import { answerRetired, profileNotFound, type RetiredProfileResponse } from './retired-profile.response';

@Controller('v1/profiles')
@RequireAccess('read')
export class JourneyHttpController {
  constructor(private readonly handler: GetJourneyHandler) {}

  @Get(':id/journey')
  async get(@Param() params: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<JourneyDocument | RetiredProfileResponse> {
    const { id } = parseRequest(profilePathSchema, params);
    const found = await this.handler.execute(new GetJourneyQuery(id));
    if (found.kind === 'retired') return answerRetired(reply, found.survivorProfileId, 'journey');
    if (found.kind === 'missing') throw profileNotFound(id);
    return found.document;
  }
}
