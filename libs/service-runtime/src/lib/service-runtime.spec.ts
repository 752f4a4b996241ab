import 'reflect-metadata';
import { Controller, Get, Injectable, Module, Param } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TouchpointError } from '@touchpoint/contracts';
import { HealthModule } from './health.module';
import { NotReadyError, ReadinessProbe } from './readiness-probe';
import { TouchpointErrorFilter } from './touchpoint-error.filter';

let dependencyUp = true;

@Injectable()
class FlakyDependency extends ReadinessProbe {
  readonly name = 'flaky';
  async check(): Promise<void> {
    if (!dependencyUp) throw new Error('connection refused');
  }
}

let waitingOn: string | null = null;

@Injectable()
class Consumers extends ReadinessProbe {
  readonly name = 'consumers';
  async check(): Promise<void> {
    if (waitingOn) throw new NotReadyError('a partition waits', [{ topic: 'tp.events.raw.v1', partition: 2, cause: waitingOn }]);
  }
}

@Controller('things')
class ThingsController {
  @Get(':id')
  find(@Param('id') id: string): { id: string } {
    if (id === 'missing') throw new TouchpointError('TP_PROFILE_NOT_FOUND', 'no such thing', { id });
    if (id === 'broken') throw new Error('a bug');
    return { id };
  }
}

@Module({
  imports: [HealthModule.forRoot([FlakyDependency, Consumers])],
  controllers: [ThingsController],
  providers: [{ provide: APP_FILTER, useClass: TouchpointErrorFilter }],
})
class TestModule {}

describe('service runtime', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(TestModule, new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('answers liveness without asking dependencies', async () => {
    dependencyUp = false;
    const response = await get('/health/live');
    dependencyUp = true;
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('is ready only while every probe passes, naming the one that fails', async () => {
    expect((await get('/health/ready')).statusCode).toBe(200);
    dependencyUp = false;
    const down = await get('/health/ready');
    dependencyUp = true;
    expect(down.statusCode).toBe(503);
    expect(JSON.stringify(down.json())).toContain('connection refused');
  });

  it("passes a probe's structured details on", async () => {
    waitingOn = 'ECONNREFUSED 127.0.0.1:6379';
    const down = await get('/health/ready');
    waitingOn = null;
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({
      details: { consumers: { status: 'down', reason: 'a partition waits', details: [{ topic: 'tp.events.raw.v1', partition: 2, cause: 'ECONNREFUSED 127.0.0.1:6379' }] } },
    });
  });

  it('turns a TouchpointError into its status and stable code', async () => {
    const response = await get('/things/missing');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'TP_PROFILE_NOT_FOUND', message: 'no such thing', details: { id: 'missing' } });
  });

  it('hides unexpected errors behind TP_INTERNAL_ERROR and answers unknown routes with TP_HTTP_NOT_FOUND', async () => {
    const broken = await get('/things/broken');
    expect(broken.statusCode).toBe(500);
    expect(broken.json()).toEqual({ code: 'TP_INTERNAL_ERROR', message: 'internal error' });
    const unknown = await get('/nowhere');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'TP_HTTP_NOT_FOUND' });
  });
});
