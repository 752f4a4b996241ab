import { Controller, Get, Param, Res } from '@nestjs/common';
import { TouchpointError } from '@touchpoint/contracts';
import type { FastifyReply } from 'fastify';
import { type WebAsset, WebAssets } from './web-assets';

/** A policy that lets the page load only its own scripts, styles and API: nothing else can run in it. */
const CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

@Controller()
export class WebAssetsHttpController {
  constructor(private readonly assets: WebAssets) {}

  @Get()
  index(@Res() reply: FastifyReply): Promise<void> {
    return this.serve(reply, 'index.html');
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    return this.serve(reply, `assets/${file}`);
  }

  private async serve(reply: FastifyReply, relative: string): Promise<void> {
    const asset: WebAsset | null = await this.assets.read(relative);
    if (!asset) throw new TouchpointError('TP_HTTP_NOT_FOUND', relative === 'index.html' ? 'the page is not built: run `npx nx run explorer:build-web`' : `no ${relative}`);
    await reply
      .header('content-type', asset.contentType)
      .header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .send(asset.body);
  }
}
