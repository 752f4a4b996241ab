import 'reflect-metadata';
import { Body, Controller, HttpCode, type INestApplication, Module, Post } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { loadServiceConfig } from '@touchpoint/config';
import { DEFAULT_BODY_LIMIT_BYTES } from './body-limits';
import { bootstrapService } from './bootstrap-service';
import { TouchpointErrorFilter } from './touchpoint-error.filter';

@Controller('things')
class ThingsController {
  @Post()
  @HttpCode(200)
  take(@Body() body: { note?: string }): { length: number } {
    return { length: body.note?.length ?? 0 };
  }
}

@Module({ controllers: [ThingsController], providers: [{ provide: APP_FILTER, useClass: TouchpointErrorFilter }] })
class ThingsModule {}

/** A JSON body of exactly `bytes` bytes. */
const bodyOfSize = (bytes: number): string => JSON.stringify({ note: 'x'.repeat(bytes - JSON.stringify({ note: '' }).length) });

describe('request bodies of a service started by bootstrapService', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const config = loadServiceConfig('journey', { JOURNEY_HTTP_PORT: '0', LOG_LEVEL: 'silent' });
    app = await bootstrapService({ module: ThingsModule, config });
    url = `${await app.getUrl()}/things`;
  });

  afterAll(async () => {
    await app?.close();
  });

  const post = async (body: string) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return [response.status, (await response.json()) as unknown];
  };

  it('reads a body up to 64 KB and refuses one byte more with 413 TP_REQUEST_TOO_LARGE', async () => {
    expect(DEFAULT_BODY_LIMIT_BYTES).toBe(64 * 1024);
    expect(await post(bodyOfSize(DEFAULT_BODY_LIMIT_BYTES))).toEqual([200, { length: DEFAULT_BODY_LIMIT_BYTES - 11 }]);
    expect(await post(bodyOfSize(DEFAULT_BODY_LIMIT_BYTES + 1))).toEqual([413, { code: 'TP_REQUEST_TOO_LARGE', message: 'request body is too large' }]);
  });
});
