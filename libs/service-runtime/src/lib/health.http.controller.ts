import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthIndicatorResult } from '@nestjs/terminus';
import { NotReadyError, READINESS_PROBES, type ReadinessProbe } from './readiness-probe';

const PROBE_TIMEOUT_MS = 2_000;

function withTimeout(probe: ReadinessProbe): Promise<void> {
  return Promise.race([
    probe.check(),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS).unref()),
  ]);
}

/** Liveness says the process serves HTTP; readiness says its dependencies answer. */
@Controller('health')
export class HealthHttpController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(READINESS_PROBES) private readonly probes: readonly ReadinessProbe[],
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(
      this.probes.map((probe) => async (): Promise<HealthIndicatorResult> => {
        try {
          await withTimeout(probe);
          return { [probe.name]: { status: 'up' } };
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          return { [probe.name]: { status: 'down', reason, ...(error instanceof NotReadyError ? { details: error.details } : {}) } };
        }
      }),
    );
  }
}
