import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { CacheRequests } from './cache-requests';
import { Metrics } from './metrics';
import { MetricsModule } from './metrics.module';

@Controller('work')
class WorkController {
  private readonly done;

  constructor(metrics: Metrics) {
    this.done = metrics.counter('touchpoint_test_work_total', 'work done', { labelNames: ['kind'] });
  }

  @Get()
  work(): { ok: true } {
    this.done.inc({ kind: 'spec' });
    return { ok: true };
  }
}

@Module({ imports: [MetricsModule.forRoot('spec-service')], controllers: [WorkController] })
class TestModule {}

describe('metrics', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(TestModule, new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  it('serves what the app counted on /metrics in the Prometheus text format, labelled with the service', async () => {
    await app.inject({ method: 'GET', url: '/work' });
    await app.inject({ method: 'GET', url: '/work' });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain; version=0.0.4');
    expect(response.body).toContain('touchpoint_test_work_total{kind="spec",service="spec-service"} 2');
    expect(response.body).toMatch(/process_cpu_seconds_total\{service="spec-service"\}/);
  });

  it('hands out the same instrument for the same name and refuses a clash', () => {
    const metrics = new Metrics('clash');
    const first = metrics.histogram('touchpoint_test_seconds', 'h', { labelNames: ['topic'], buckets: [0.1, 1] });
    expect(metrics.histogram('touchpoint_test_seconds', 'h', { labelNames: ['topic'] })).toBe(first);
    expect(() => metrics.counter('touchpoint_test_seconds', 'c', { labelNames: ['topic'] })).toThrow(/another kind/);
    expect(() => metrics.histogram('touchpoint_test_seconds', 'h', { labelNames: ['group'] })).toThrow(/other labels/);
  });

  it('reads gauges with a collect callback at scrape time', async () => {
    const metrics = new Metrics('gauges');
    let waiting = 3;
    metrics.gauge('touchpoint_test_waiting', 'w', { collect: (gauge) => gauge.set(waiting) });
    expect(await metrics.render()).toContain('touchpoint_test_waiting{service="gauges"} 3');
    waiting = 1;
    expect(await metrics.render()).toContain('touchpoint_test_waiting{service="gauges"} 1');
  });

  it('counts cache lookups per cache and result, every result of a cache present from the start', async () => {
    const metrics = new Metrics('caches');
    const identifiers = new CacheRequests(metrics, 'identifiers');
    const journeys = new CacheRequests(metrics, 'journeys');
    identifiers.hit();
    identifiers.hit(2);
    identifiers.miss();
    journeys.error();
    identifiers.miss(0);
    const text = await metrics.render();
    expect(text).toContain('touchpoint_cache_requests_total{cache="identifiers",result="hit",service="caches"} 3');
    expect(text).toContain('touchpoint_cache_requests_total{cache="identifiers",result="miss",service="caches"} 1');
    expect(text).toContain('touchpoint_cache_requests_total{cache="identifiers",result="error",service="caches"} 0');
    expect(text).toContain('touchpoint_cache_requests_total{cache="journeys",result="error",service="caches"} 1');
    expect(text).toContain('touchpoint_cache_requests_total{cache="journeys",result="hit",service="caches"} 0');
  });

  it('records nothing, and does not fail, without Metrics', () => {
    expect(() => new CacheRequests(undefined, 'bare').hit()).not.toThrow();
  });
});
