/**
 * Journey benchmarks, side by side in one run: the pure reducer (target: 200k events/s) and the
 * service end to end with Postgres and Redis on 3 partitions (target: 5k events/s), with the
 * steady-rate p99 latency. See bench/README.md.
 *
 *   npm run bench:journey
 *   npm run bench:journey -- --backlog=60000 --profiles=2000 --rate=2000 --seconds=10
 */
import { intSetting } from '../shared/settings';
import { runServiceBench } from './service';

const REDUCER_TARGET = 200_000;
const SERVICE_TARGET = 5_000;

async function main(): Promise<void> {
  const { runReducerBench } = await import('./reducer');
  const reducer = await runReducerBench({});
  const service = await runServiceBench(
    {
      profiles: intSetting('profiles', 'BENCH_PROFILES', 2_000, 1),
      backlogEvents: intSetting('backlog', 'BENCH_BACKLOG', 60_000, 1),
      steadyRate: intSetting('rate', 'BENCH_RATE', 2_000, 1),
      steadySeconds: intSetting('seconds', 'BENCH_SECONDS', 10, 1),
      partitions: 3,
    },
    (line) => process.stdout.write(`  ${line}\n`),
  );
  process.stdout.write(`\njourney reducer (pure, one core):\n${JSON.stringify(reducer, null, 2)}\n`);
  process.stdout.write(`\njourney service (Postgres + Redis, 3 partitions, dev broker):\n`);
  process.stdout.write(`  backlog: ${service.backlogEvents} events in ${service.backlogSeconds.toFixed(1)} s = ${service.backlogEventsPerSec} events/s (target ${SERVICE_TARGET})\n`);
  process.stdout.write(`  steady ${service.steadyRate}/s: ${service.latencySamples} transitions timed, p50 ${service.latencyP50Ms} ms, p99 ${service.latencyP99Ms} ms, max ${service.latencyMaxMs} ms\n`);
  process.stdout.write(`  reducer target ${REDUCER_TARGET} events/s\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
