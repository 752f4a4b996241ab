/**
 * The load generator, in a process of its own so that it does not take the service's event
 * loop. Reads one job as JSON from BENCH_LOAD_JOB, runs autocannon and prints its figures as
 * one JSON line prefixed `RESULT `.
 */
import autocannon from 'autocannon';
import { batchBody, WRITE_KEY } from './workload';

export interface LoadJob {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  /** Requests per second over all connections (open loop); absent: as fast as answers come (closed loop). */
  readonly requestsPerSecond?: number;
}

export interface LoadResult {
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly durationSeconds: number;
  readonly latencyMs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
}

async function main(): Promise<void> {
  const job = JSON.parse(process.env['BENCH_LOAD_JOB'] ?? '') as LoadJob;
  const result = await autocannon({
    url: `${job.url}/v1/batch`,
    method: 'POST',
    connections: job.connections,
    duration: job.seconds,
    ...(job.requestsPerSecond ? { overallRate: job.requestsPerSecond } : {}),
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}` },
    requests: [{ setupRequest: (request) => ({ ...request, body: batchBody() }) }],
  });
  const figures: LoadResult = {
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: result.duration,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  };
  process.stdout.write(`RESULT ${JSON.stringify(figures)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
