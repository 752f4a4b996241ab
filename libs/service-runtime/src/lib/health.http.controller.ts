import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { READINESS_PROBES, type ReadinessProbe, type RegisteredProbe } from './readiness-probe';
import { type ProbeOutcome, type ReadinessReport, readinessReport } from './readiness-report';

const PROBE_TIMEOUT_MS = 2_000;

function withTimeout(probe: ReadinessProbe): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([probe.check(), timeout]).finally(() => clearTimeout(timer));
}

async function outcomeOf({ probe, critical }: RegisteredProbe): Promise<ProbeOutcome> {
  try {
    await withTimeout(probe);
    return { name: probe.name, critical, status: 'up' };
  } catch (error) {
    return { name: probe.name, critical, status: 'down', error };
  }
}

/** Liveness says the process serves HTTP; readiness says its dependencies answer. */
@Controller('health')
export class HealthHttpController {
  constructor(@Inject(READINESS_PROBES) private readonly probes: readonly RegisteredProbe[]) {}

  /** Touches no dependency: a restart would not bring one back. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<ReadinessReport> {
    const report = readinessReport(await Promise.all(this.probes.map(outcomeOf)));
    if (report.status !== 'ok') throw new ServiceUnavailableException(report);
    return report;
  }
}
