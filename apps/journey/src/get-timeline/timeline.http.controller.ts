import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { parseRequest, RequireAccess } from '@touchpoint/service-runtime';
import type { FastifyReply } from 'fastify';
import { profilePathSchema } from '../get-journey/profile-path.request.dto';
import { answerRetired, profileNotFound, type RetiredProfileResponse } from '../get-journey/retired-profile.response';
import { JourneyRecord } from '../journey-record/journey-record';
import type { TimelineItem } from '../journey-record/timeline';
import { timelineQuerySchema } from './get-timeline.request.dto';

export interface TimelineResponse {
  readonly profileId: string;
  /** Touchpoints and transitions in time order, so stage, step and tier can be drawn over time. */
  readonly items: readonly TimelineItem[];
  /** Pass as `after` for the next page; null on the last. */
  readonly next: string | null;
}

@Controller('v1/profiles')
@RequireAccess('read')
export class TimelineHttpController {
  constructor(private readonly record: JourneyRecord) {}

  @Get(':id/timeline')
  async get(@Param() params: unknown, @Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<TimelineResponse | RetiredProfileResponse> {
    const { id } = parseRequest(profilePathSchema, params);
    const { after, limit } = parseRequest(timelineQuerySchema, query);
    const page = await this.record.timeline({ profileId: id, after: after ?? null, limit });
    if (page.kind === 'retired') return answerRetired(reply, page.survivorProfileId, 'timeline');
    if (page.kind === 'missing') throw profileNotFound(id);
    return { profileId: id, items: page.items, next: page.next };
  }
}
