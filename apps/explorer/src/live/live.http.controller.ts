import { Controller, Get, Headers, Param, Req, Res } from '@nestjs/common';
import { parseRequest } from '@touchpoint/service-runtime';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForwardedToken } from '../access/forwarded-token';
import type { LiveEvent } from '../explorer-api/explorer-api';
import { profilePathSchema } from '../profile-view/profile-path.request.dto';
import { LiveAccess } from './live-access';
import { LiveFeed } from './live-feed';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;

/**
 * `GET /api/profiles/:id/live`: server-sent events, one `live` event per transition or decision
 * of the profile. The page reads it with fetch, so the token travels in the Authorization header
 * and never in a URL.
 */
@Controller('api/profiles')
export class LiveHttpController {
  constructor(
    private readonly feed: LiveFeed,
    private readonly access: LiveAccess,
    private readonly token: ForwardedToken,
  ) {}

  @Get(':id/live')
  async live(@Param() params: unknown, @Headers('authorization') authorization: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { id } = parseRequest(profilePathSchema, params);
    // The stream shows what the read endpoints would: the same token must be good for them.
    await this.access.check(id, this.token.of(authorization));
    void reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    raw.write(': live\n\n');
    const send = (event: LiveEvent): void => {
      raw.write(`event: live\ndata: ${JSON.stringify(event)}\n\n`);
    };
    const unsubscribe = this.feed.channels.subscribe(id, send);
    const keepalive = setInterval(() => raw.write(': keepalive\n\n'), KEEPALIVE_MS);
    request.raw.once('close', () => {
      clearInterval(keepalive);
      unsubscribe();
    });
  }
}
