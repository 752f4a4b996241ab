import 'reflect-metadata';
import { createHook } from 'node:async_hooks';
import { Injectable, Module } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { HealthModule } from './health.module';
import { ReadinessProbe } from './readiness-probe';
import { TouchpointErrorFilter } from './touchpoint-error.filter';

const state = { databaseUp: true, cacheUp: true, checks: 0 };

@Injectable()
class Database extends ReadinessProbe {
  readonly name = 'database';
  async check(): Promise<void> {
    state.checks += 1;
    if (!state.databaseUp) throw new Error('connection refused');
  }
}

@Injectable()
class ReadCache extends ReadinessProbe {
  readonly name = 'cache';
  async check(): Promise<void> {
    state.checks += 1;
    if (!state.cacheUp) throw new Error('ECONNREFUSED 127.0.0.1:6379');
  }
}

@Module({
  imports: [HealthModule.forRoot([Database], { nonCritical: [ReadCache] })],
  providers: [{ provide: APP_FILTER, useClass: TouchpointErrorFilter }],
})
class TestModule {}

/** Async resources that mean I/O (sockets, DNS, files, child processes); timers and promises are not. */
const IO_RESOURCES = /TCP|PIPE|UDP|GETADDRINFO|GETNAMEINFO|FSREQ|FILEHANDLE|FSEVENT|STATWATCHER|PROCESSWRAP|SHUTDOWNWRAP|WRITEWRAP|TLSWRAP|HTTP/;

describe('health endpoints', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(TestModule, new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  beforeEach(() => Object.assign(state, { databaseUp: true, cacheUp: true, checks: 0 }));

  it('answers liveness without running a probe or starting any I/O', async () => {
    const started: string[] = [];
    const hook = createHook({ init: (_id, type) => void started.push(type) });
    hook.enable();
    const response = await app.inject({ method: 'GET', url: '/health/live' });
    hook.disable();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    expect(state.checks).toBe(0);
    expect(started.filter((type) => IO_RESOURCES.test(type))).toEqual([]);
    // The hook saw the request at all: promises of the route ran while it was enabled.
    expect(started).toContain('PROMISE');
  });

  it('reports a non-critical dependency that is down without failing readiness', async () => {
    state.cacheUp = false;
    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      error: {},
      details: { database: { status: 'up' }, cache: { status: 'down', critical: false, reason: 'ECONNREFUSED 127.0.0.1:6379' } },
    });
    expect(state.checks).toBe(2);
  });

  it('fails readiness on a critical dependency, with the non-critical one reported beside it', async () => {
    state.databaseUp = false;
    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      status: 'error',
      error: { database: { status: 'down', reason: 'connection refused' } },
      details: { cache: { status: 'up', critical: false } },
    });
  });

  it('refuses a probe given as both critical and non-critical', () => {
    expect(() => HealthModule.forRoot([Database], { nonCritical: [Database] })).toThrow(/critical and non-critical/);
  });
});
