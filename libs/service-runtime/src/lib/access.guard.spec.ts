import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { RequireAccess } from './access.guard';
import { AccessModule } from './access.module';
import { AccessTokens } from './access-tokens';
import { TouchpointErrorFilter } from './touchpoint-error.filter';

const READ_OLD = 'read-token-old-0123456789';
const READ_NEW = 'read-token-new-0123456789';
const ADMIN = 'admin-token-0123456789ab';

@Controller('guarded')
class GuardedController {
  @Get('read')
  @RequireAccess('read')
  read(): { ok: true } {
    return { ok: true };
  }

  @Get('admin')
  @RequireAccess('admin')
  admin(): { ok: true } {
    return { ok: true };
  }
}

async function appWith(readTokens: string[], adminTokens: string[]): Promise<NestFastifyApplication> {
  @Module({ imports: [AccessModule.forRoot({ readTokens, adminTokens })], controllers: [GuardedController], providers: [{ provide: APP_FILTER, useClass: TouchpointErrorFilter }] })
  class TestModule {}
  const app = await NestFactory.create<NestFastifyApplication>(TestModule, new FastifyAdapter(), { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('AccessGuard', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await appWith([READ_OLD, READ_NEW], [ADMIN]);
  });
  afterAll(() => app.close());

  const get = async (url: string, token?: string) => {
    const response = await app.inject({ method: 'GET', url, headers: token === undefined ? {} : { authorization: token } });
    return { status: response.statusCode, code: (response.json() as { code?: string }).code };
  };

  it('lets every configured read token read, so a token can be rotated without downtime; admin tokens read too', async () => {
    for (const token of [READ_OLD, READ_NEW, ADMIN]) expect(await get('/guarded/read', `Bearer ${token}`)).toEqual({ status: 200, code: undefined });
    expect(await get('/guarded/read', `bearer ${READ_NEW}  `)).toMatchObject({ status: 200 });
  });

  it('answers 401 with a stable code for a missing, malformed or wrong token', async () => {
    for (const header of [undefined, '', READ_OLD, `Basic ${READ_OLD}`, `Bearer ${READ_OLD}x`, 'Bearer ']) {
      expect(await get('/guarded/read', header)).toEqual({ status: 401, code: 'TP_READ_UNAUTHORIZED' });
    }
  });

  it('keeps admin endpoints to admin tokens', async () => {
    expect(await get('/guarded/admin', `Bearer ${ADMIN}`)).toMatchObject({ status: 200 });
    expect(await get('/guarded/admin', `Bearer ${READ_OLD}`)).toEqual({ status: 401, code: 'TP_ADMIN_UNAUTHORIZED' });
  });

  it('switches endpoints off, never open, when no token of their level is configured', async () => {
    const closed = await appWith([], []);
    const answer = async (url: string) => (await closed.inject({ method: 'GET', url, headers: { authorization: `Bearer ${ADMIN}` } })).json() as { code: string };
    expect((await answer('/guarded/read')).code).toBe('TP_READ_DISABLED');
    expect((await answer('/guarded/admin')).code).toBe('TP_ADMIN_DISABLED');
    await closed.close();
  });

  it('compares by digest, so a token that is a prefix of a configured one does not pass', () => {
    const tokens = new AccessTokens({ readTokens: [READ_OLD], adminTokens: [] });
    expect(() => tokens.check('read', `Bearer ${READ_OLD.slice(0, -1)}`)).toThrow(expect.objectContaining({ code: 'TP_READ_UNAUTHORIZED' }));
    expect(() => tokens.check('read', `Bearer ${READ_OLD}`)).not.toThrow();
  });
});
