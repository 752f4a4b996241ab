import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Metrics } from './metrics';
import { MetricsHttpController } from './metrics.http.controller';

/**
 * `Metrics` for every module of the app and `/metrics`. bootstrapService imports it, so each
 * service has it without naming it; inject `Metrics` to add an instrument.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(service: string): DynamicModule {
    return { module: MetricsModule, controllers: [MetricsHttpController], providers: [{ provide: Metrics, useValue: new Metrics(service) }], exports: [Metrics] };
  }
}
