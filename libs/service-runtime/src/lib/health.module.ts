import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthHttpController } from './health.http.controller';
import { READINESS_PROBES, type ReadinessProbe } from './readiness-probe';

/** `/health/live` and `/health/ready`; readiness runs every given probe. */
@Module({})
export class HealthModule {
  static forRoot(probes: readonly Type<ReadinessProbe>[]): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthHttpController],
      providers: [
        ...probes,
        { provide: READINESS_PROBES, useFactory: (...instances: ReadinessProbe[]) => instances, inject: [...probes] },
      ],
    };
  }
}
