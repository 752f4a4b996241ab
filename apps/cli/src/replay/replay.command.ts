import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { loadCliSettings } from '../cli-settings';
import type { CommandContext, ExitCode } from '../command-context';
import { type Customer, customerKeys, mentionsCustomer, resolveCustomer } from '../customer/customer';
import { erasedProfileIds, touchesErased } from '../customer/erased-profiles';
import { CliKafka } from '../kafka/cli-kafka';
import { partitionsForKeys } from '../kafka/key-partitions';
import { mergeByTime } from '../kafka/merge-by-time';
import { PartitionReader } from '../kafka/partition-reader';
import { parseTimeOption, partitionsOf, rangesByTime } from '../kafka/read-window';
import { ReadProgress } from '../output/progress';
import { type OutputFormat, outputFormats, RecordPrinter } from '../output/record-printer';
import { showRecord, typesOf } from '../output/shown-record';
import { IdentityClient } from '../services/identity-client';

interface ReplayOptions {
  readonly topic: string;
  readonly from: string;
  readonly to?: string;
  readonly profile?: string;
  readonly identifier?: string;
  readonly type?: string;
  readonly format: string;
  readonly showPii?: boolean;
}

function formatOf(value: string): OutputFormat {
  const format = outputFormats.find((f) => f === value);
  if (!format) throw new CliError('TP_CLI_USAGE', `--format ${value}: one of ${outputFormats.join(', ')}`);
  return format;
}

async function run(options: ReplayOptions, context: CommandContext): Promise<number> {
  const format = formatOf(options.format);
  const now = context.now();
  const from = parseTimeOption('--from', options.from, now);
  const to = options.to === undefined ? null : parseTimeOption('--to', options.to, now);
  const settings = loadCliSettings(context.connection());
  const cluster = new CliKafka(settings);
  const reader = new PartitionReader(cluster.config);
  try {
    await cluster.requireTopic(options.topic);
    const customer: Customer | null =
      options.profile !== undefined || options.identifier !== undefined ? await resolveCustomer(new IdentityClient(settings.identityUrl, settings.readToken), options) : null;
    if (customer?.redirectedFrom) context.stderr.write(`profile ${customer.redirectedFrom} was merged into ${customer.profileId}: showing the survivor and every id merged into it\n`);
    const all = await partitionsOf(cluster, options.topic);
    const keys = customer ? customerKeys(options.topic, customer) : null;
    const partitions = keys ? partitionsForKeys(options.topic, all.length, keys) : all;
    const ranges = await rangesByTime(cluster, options.topic, partitions, from, to);
    const erased = await erasedProfileIds(cluster);
    const total = ranges.reduce((sum, r) => sum + (r.end - r.start), 0n);
    context.stderr.write(`reading ${options.topic}: partitions ${partitions.join(',') || '-'} of ${all.length}, ${total} records in the window\n`);

    const printer = new RecordPrinter(format, context.stdout);
    const progress = new ReadProgress(new Map(ranges.map((r) => [r.partition, r.start])), total);
    let hidden = 0;
    try {
      const streams = ranges.map((range) => reader.read(options.topic, [range], (p, next) => progress.update(p, next)));
      for await (const read of mergeByTime(streams)) {
        const key = read.message.key?.toString('utf8') ?? null;
        const raw = read.message.value?.toString('utf8') ?? '';
        if (customer && (keys ? key === null || !keys.has(key) : !mentionsCustomer(raw, customer))) continue;
        if (touchesErased(key, raw, erased)) {
          hidden++;
          continue;
        }
        const shown = showRecord(read, options.showPii === true);
        if (options.type !== undefined && !typesOf(shown).includes(options.type)) continue;
        printer.print(shown);
      }
    } finally {
      progress.stop();
    }
    const printed = printer.end();
    context.stderr.write(`${printed} records shown${hidden > 0 ? `, ${hidden} of erased profiles left out` : ''}\n`);
    return 0;
  } finally {
    await reader.close();
    await cluster.close();
  }
}

export function registerReplay(program: Command, context: CommandContext, exit: ExitCode): void {
  program
    .command('replay')
    .description("print a topic's records between two times, optionally only one customer's (every id and identifier it had)")
    .requiredOption('--topic <topic>', 'topic to read, e.g. tp.events.resolved.v1')
    .requiredOption('--from <time>', 'ISO time, a duration back from now (2h, 7d) or "beginning"')
    .option('--to <time>', 'end (exclusive), same forms as --from; default: the end the topic has now')
    .option('--profile <id>', "only this customer's records (a merged-away id leads to its survivor)")
    .option('--identifier <type:value>', 'only the customer with this identifier (email and phone as typed)')
    .option('--type <event>', 'only records of this event name or message type (e.g. "Order Completed", retargeting.stopped)')
    .option('--format <format>', `${outputFormats.join(' | ')}`, 'table')
    .option('--show-pii', 'show identifiers and personal data instead of masking them')
    .action(async (options: ReplayOptions) => {
      exit.code = await run(options, context);
    });
}
