import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { closeOnSignals } from './graceful-shutdown';
import { ShutdownGate } from './shutdown-gate';

let releaseSlow: () => void = () => undefined;

@Controller()
class ThingsController {
  @Get('things')
  things(): { ok: true } {
    return { ok: true };
  }

  @Get('slow')
  async slow(): Promise<{ finished: true }> {
    await new Promise<void>((resolve) => (releaseSlow = resolve));
    return { finished: true };
  }

  @Get('health/live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

@Module({ controllers: [ThingsController] })
class TestModule {}

async function started(): Promise<{ app: NestFastifyApplication; gate: ShutdownGate; url: string }> {
  const app = await NestFactory.create<NestFastifyApplication>(TestModule, new FastifyAdapter(), { logger: false });
  const gate = new ShutdownGate(7);
  gate.install(app.getHttpAdapter().getInstance());
  await app.listen(0, '127.0.0.1');
  return { app, gate, url: await app.getUrl() };
}

const silent = { log: () => undefined, error: () => undefined, warn: () => undefined };

describe('graceful shutdown', () => {
  it('answers new requests with 503, Retry-After and TP_SERVICE_SHUTTING_DOWN once closed; liveness still answers', async () => {
    const { app, gate, url } = await started();
    try {
      expect((await fetch(`${url}/things`)).status).toBe(200);
      gate.close();
      const refused = await fetch(`${url}/things`);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('7');
      expect(await refused.json()).toMatchObject({ code: 'TP_SERVICE_SHUTTING_DOWN' });
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('lets a request in flight finish before the app is closed, and exits 0', async () => {
    const { app, gate, url } = await started();
    const inFlight = fetch(`${url}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const exits: number[] = [];
    const close = closeOnSignals(app, gate, { graceMs: 5_000, logger: silent, exit: (code) => exits.push(code) });
    const closing = close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gate.isClosed).toBe(true);
    expect(exits).toEqual([]);
    releaseSlow();
    const answer = await inFlight;

    expect(answer.status).toBe(200);
    expect(answer.headers.get('connection')).toBe('close');
    expect(await answer.json()).toEqual({ finished: true });
    await closing;
    expect(exits).toEqual([0]);
  });

  it('exits non-zero when closing outlives the grace period', async () => {
    const { app, gate, url } = await started();
    const inFlight = fetch(`${url}/slow`).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const exits: number[] = [];
    const closing = closeOnSignals(app, gate, { graceMs: 300, logger: silent, exit: (code) => exits.push(code) })();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(exits).toEqual([1]);
    releaseSlow();
    await inFlight;
    await closing;
  });
});
