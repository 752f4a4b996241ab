import { Controller, Get } from '@nestjs/common';
import { RequireAccess } from '@touchpoint/service-runtime';
import { type AudiencesResponse, type PyramidResponse, SegmentsHandler } from './segments.handler';

@Controller('v1')
@RequireAccess('read')
export class SegmentsHttpController {
  constructor(private readonly segments: SegmentsHandler) {}

  @Get('audiences')
  audiences(): Promise<AudiencesResponse> {
    return this.segments.audiences();
  }

  @Get('pyramid')
  pyramid(): Promise<PyramidResponse> {
    return this.segments.pyramid();
  }
}
