import { Command, InvalidArgumentError, Option } from 'commander';
import type { TestKafkaKind } from '@touchpoint/kafka-testing';

export interface ChaosOptions {
  readonly brokers: readonly TestKafkaKind[];
  readonly short: boolean;
  /** Both brokers at once (each has its own broker, database, Redis and services), to halve the wall time. */
  readonly parallel: boolean;
  /** Wall-clock bound of the whole run, ms; exceeding it fails the run. */
  readonly deadlineMs: number;
  readonly seed: number;
  /** Where the result rows go as JSON (for CI), or null. */
  readonly jsonOut: string | null;
}

const minutes = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('a positive number of minutes');
  return parsed;
};

export function parseChaosOptions(argv: readonly string[]): ChaosOptions {
  const program = new Command('chaos')
    .description('Faults under continuous shopper load, on the dev broker and on Apache Kafka; exits 1 on any loss, duplicate or wrong decision.')
    .option('--short', 'one fault of each kind, small load (CI)', false)
    .addOption(new Option('--broker <kind>', 'which broker(s) to run against').choices(['dev-broker', 'apache-kafka', 'both']).default('both'))
    .option('--parallel', 'run the brokers at the same time instead of one after the other', false)
    .option('--minutes <n>', 'overall time bound (default 30, short 10)', minutes)
    .option('--seed <n>', 'simulator seed', (value) => Number.parseInt(value, 10), 17)
    .option('--json <file>', 'also write the result rows as JSON to this file')
    .parse([...argv], { from: 'user' });
  const raw = program.opts<{ short: boolean; parallel: boolean; broker: 'dev-broker' | 'apache-kafka' | 'both'; minutes?: number; seed: number; json?: string }>();
  return {
    brokers: raw.broker === 'both' ? ['dev-broker', 'apache-kafka'] : [raw.broker],
    short: raw.short,
    parallel: raw.parallel,
    deadlineMs: (raw.minutes ?? (raw.short ? 10 : 30)) * 60_000,
    seed: raw.seed,
    jsonOut: raw.json ?? null,
  };
}
