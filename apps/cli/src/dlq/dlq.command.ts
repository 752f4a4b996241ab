import { redriveDeadLetters } from '@touchpoint/kafka/tools';
import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { loadCliSettings } from '../cli-settings';
import type { CommandContext, ExitCode } from '../command-context';
import { CliKafka } from '../kafka/cli-kafka';
import { maskKey, maskPersonalData } from '../output/mask-personal-data';
import { decodeValue } from '../output/shown-record';
import { renderTable } from '../output/table';
import { type DeadLetterFilter, listDeadLetters } from './dead-letter-listing';

interface FilterOptions {
  readonly code?: string;
  readonly topic?: string;
  readonly group?: string;
}

const filterOf = (options: FilterOptions): DeadLetterFilter => ({
  ...(options.code === undefined ? {} : { code: options.code }),
  ...(options.topic === undefined ? {} : { topic: options.topic }),
  ...(options.group === undefined ? {} : { group: options.group }),
});

async function withCluster(context: CommandContext, work: (cluster: CliKafka) => Promise<number>): Promise<number> {
  const cluster = new CliKafka(loadCliSettings(context.connection()));
  try {
    await cluster.topicNames();
    return await work(cluster);
  } finally {
    await cluster.close();
  }
}

async function list(options: FilterOptions & { format: string }, context: CommandContext): Promise<number> {
  return withCluster(context, async (cluster) => {
    const { letters, unreadable } = await listDeadLetters(cluster, filterOf(options));
    if (options.format === 'json') {
      context.stdout.write(`${JSON.stringify(letters.map(({ id, letter, redrivenTo }) => ({ id, errorCode: letter.errorCode, source: letter.source, consumerGroup: letter.consumerGroup, failedAt: letter.failedAt, redrivenTo })), null, 2)}\n`);
    } else if (letters.length === 0) {
      context.stdout.write('no dead letters match\n');
    } else {
      context.stdout.write(
        renderTable(
          ['ID', 'FAILED AT', 'CODE', 'SOURCE', 'GROUP', 'REDRIVEN TO'],
          letters.map(({ id, letter, redrivenTo }) => [
            id,
            letter.failedAt,
            letter.errorCode,
            `${letter.source.topic}/${letter.source.partition}@${letter.source.offset}`,
            letter.consumerGroup,
            redrivenTo ? `${redrivenTo.partition}@${redrivenTo.offset}` : '-',
          ]),
        ),
      );
    }
    context.stderr.write(`${letters.length} dead letters${unreadable > 0 ? `, ${unreadable} unreadable records skipped` : ''}\n`);
    return 0;
  });
}

async function show(id: string, options: { showPii?: boolean }, context: CommandContext): Promise<number> {
  if (!/^\d+:\d+$/.test(id)) throw new CliError('TP_CLI_USAGE', `${id}: a dead letter id is partition:offset, as dlq list prints it`);
  return withCluster(context, async (cluster) => {
    const found = (await listDeadLetters(cluster, {})).letters.find((l) => l.id === id);
    if (!found) throw new CliError('TP_CLI_USAGE', `no dead letter ${id} on the dead-letter topic`);
    const { letter } = found;
    const key = letter.key === null ? null : Buffer.from(letter.key, 'base64').toString('utf8');
    const value = decodeValue(letter.value === null ? null : Buffer.from(letter.value, 'base64'));
    const pii = options.showPii === true;
    context.stdout.write(
      `${JSON.stringify(
        {
          id,
          errorCode: letter.errorCode,
          errorMessage: pii ? letter.errorMessage : maskPersonalData(letter.errorMessage),
          source: letter.source,
          consumerGroup: letter.consumerGroup,
          failedAt: letter.failedAt,
          redrivenTo: found.redrivenTo,
          headers: letter.headers,
          key: pii ? key : maskKey(key),
          value: pii ? value : maskPersonalData(value),
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  });
}

async function redrive(options: FilterOptions & { dryRun?: boolean }, context: CommandContext): Promise<number> {
  return withCluster(context, async (cluster) => {
    const result = await redriveDeadLetters({ kafka: cluster.kafka, ...(options.code === undefined ? {} : { errorCode: options.code }), ...(options.topic === undefined ? {} : { sourceTopic: options.topic }), ...(options.group === undefined ? {} : { consumerGroup: options.group }), dryRun: options.dryRun === true });
    // A truncated letter carries only a prefix of its message, so it is never republished.
    const pending = result.matched - result.alreadyRedriven - result.truncated;
    const truncated = result.truncated > 0 ? `, ${result.truncated} too large to re-drive (truncated)` : '';
    context.stdout.write(
      options.dryRun
        ? `dry run: ${result.matched} dead letters match, ${result.alreadyRedriven} already re-driven${truncated}, ${pending} would be republished\n`
        : `${result.redriven} dead letters republished to their source topics, ${result.alreadyRedriven} already re-driven before${truncated} (of ${result.matched} matching, ${result.scanned} read)\n`,
    );
    return 0;
  });
}

export function registerDlq(program: Command, context: CommandContext, exit: ExitCode): void {
  const dlq = program.command('dlq').description('dead letters: list, show one, re-drive them to their source topics');
  const filters = (command: Command): Command =>
    command.option('--code <code>', 'only this error code, e.g. TP_CONSUMER_SCHEMA_MISMATCH').option('--topic <topic>', 'only dead letters from this source topic').option('--group <group>', 'only those of this consumer group');
  filters(dlq.command('list').description('every dead letter, with its code, source and whether it was re-driven'))
    .option('--format <format>', 'table | json', 'table')
    .action(async (options: FilterOptions & { format: string }) => {
      exit.code = await list(options, context);
    });
  dlq
    .command('show')
    .description('one dead letter in full, its original message decoded')
    .argument('<id>', 'partition:offset, as dlq list prints it')
    .option('--show-pii', 'show identifiers and personal data instead of masking them')
    .action(async (id: string, options: { showPii?: boolean }) => {
      exit.code = await show(id, options, context);
    });
  filters(dlq.command('redrive').description('republish matching dead letters to their source topics, each dead letter once (changes the cluster)'))
    .option('--dry-run', 'count what would be republished, publish nothing')
    .action(async (options: FilterOptions & { dryRun?: boolean }) => {
      exit.code = await redrive(options, context);
    });
}
