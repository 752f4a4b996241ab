import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { HealthHttpController } from './health.http.controller';
import { READINESS_PROBES, type ReadinessProbe, type RegisteredProbe } from './readiness-probe';

export interface HealthOptions {
  /** Dependencies the service works without: reported on `/health/ready`, never failing it. */
  readonly nonCritical?: readonly Type<ReadinessProbe>[];
}

/** `/health/live` and `/health/ready`; readiness runs every given probe. */
@Module({})
export class HealthModule {
  static forRoot(probes: readonly Type<ReadinessProbe>[], options: HealthOptions = {}): DynamicModule {
    const nonCritical = options.nonCritical ?? [];
    const both = probes.filter((probe) => nonCritical.includes(probe));
    if (both.length > 0) throw new Error(`readiness probe ${both.map((probe) => probe.name).join(', ')} is given as critical and non-critical`);
    const all = [...probes, ...nonCritical];
    return {
      module: HealthModule,
      controllers: [HealthHttpController],
      providers: [
        ...all,
        {
          provide: READINESS_PROBES,
          useFactory: (...instances: ReadinessProbe[]): RegisteredProbe[] => instances.map((probe, index) => ({ probe, critical: index < probes.length })),
          inject: all,
        },
      ],
    };
  }
}
