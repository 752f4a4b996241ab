import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { WriteKeyGuard } from '../auth/write-key.guard';
import { WritesScope } from '../auth/write-scope.decorator';
import { accepted, type IngestAccepted } from '../http/ingest-accepted';
import { parseRequest } from '../validation/field-issues';
import { IngestSegmentMessagesCommand } from './ingest-segment-messages.command';
import { IngestSegmentMessagesHandler } from './ingest-segment-messages.handler';
import { batchRequestSchema, type SingleMessageType, singleMessageRequestSchema } from './segment.request.dto';

/** Segment HTTP Tracking API: https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/ */
@Controller('v1')
@UseGuards(WriteKeyGuard)
@WritesScope('segment')
export class SegmentHttpController {
  constructor(private readonly handler: IngestSegmentMessagesHandler) {}

  @Post('track')
  @HttpCode(200)
  track(@Body() body: unknown): Promise<IngestAccepted> {
    return this.ingestOne(body, 'track');
  }

  @Post('identify')
  @HttpCode(200)
  identify(@Body() body: unknown): Promise<IngestAccepted> {
    return this.ingestOne(body, 'identify');
  }

  @Post('page')
  @HttpCode(200)
  page(@Body() body: unknown): Promise<IngestAccepted> {
    return this.ingestOne(body, 'page');
  }

  @Post('screen')
  @HttpCode(200)
  screen(@Body() body: unknown): Promise<IngestAccepted> {
    return this.ingestOne(body, 'screen');
  }

  @Post('group')
  @HttpCode(200)
  group(@Body() body: unknown): Promise<IngestAccepted> {
    return this.ingestOne(body, 'group');
  }

  @Post('alias')
  @HttpCode(200)
  alias(@Body() body: unknown): Promise<IngestAccepted> {
    return this.ingestOne(body, 'alias');
  }

  /** Segment's /v1/import is /v1/batch under another name (historical imports). */
  @Post(['batch', 'import'])
  @HttpCode(200)
  async batch(@Body() body: unknown): Promise<IngestAccepted> {
    const request = parseRequest(batchRequestSchema, body);
    const messages = request.batch.map((message, index) => ({ at: ['batch', index], body: message }));
    await this.handler.execute(
      new IngestSegmentMessagesCommand(messages, { context: request.context, integrations: request.integrations, sentAt: request.sentAt }),
    );
    return accepted;
  }

  /** The endpoint names the type, as in Segment: a `type` in the body does not override it. */
  private async ingestOne(body: unknown, type: SingleMessageType): Promise<IngestAccepted> {
    const message = parseRequest(singleMessageRequestSchema, body);
    await this.handler.execute(new IngestSegmentMessagesCommand([{ at: [], body: { ...message, type } }]));
    return accepted;
  }
}
