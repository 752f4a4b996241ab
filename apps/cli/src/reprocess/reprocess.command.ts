import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { loadCliSettings } from '../cli-settings';
import type { CommandContext, ExitCode } from '../command-context';
import { CliKafka } from '../kafka/cli-kafka';
import { parseTimeOption } from '../kafka/read-window';
import { renderTable } from '../output/table';
import { executeReprocess, planReprocess } from './reprocess-plan';

interface ReprocessOptions {
  readonly group: string;
  readonly toDatetime: string;
  readonly topic?: string;
  readonly execute?: boolean;
}

async function run(options: ReprocessOptions, context: CommandContext): Promise<number> {
  const to = parseTimeOption('--to-datetime', options.toDatetime, context.now());
  const cluster = new CliKafka(loadCliSettings(context.connection()));
  try {
    const plan = await planReprocess(cluster, options.group, to, options.topic);
    const out = context.stdout;
    out.write(`group ${plan.group}: ${plan.state}, ${plan.members} members; offsets at ${new Date(to).toISOString()}\n`);
    if (plan.moves.length === 0) throw new CliError('TP_CLI_UNKNOWN_GROUP', `group ${plan.group} has no offsets on ${options.topic ?? 'any topic'}`);
    out.write(
      renderTable(
        ['TOPIC', 'PARTITION', 'CURRENT', 'NEW', 'RE-READ'],
        plan.moves.map((m) => [m.topic, String(m.partition), m.current ?? '-', m.target, m.current === null ? '-' : (BigInt(m.current) - BigInt(m.target)).toString()]),
      ),
    );
    if (!options.execute) {
      out.write(plan.members > 0 ? `plan only; --execute would refuse while the group has ${plan.members} active members\n` : 'plan only: nothing changed; run again with --execute to move the offsets\n');
      return 0;
    }
    await executeReprocess(cluster, plan);
    out.write(`moved the offsets of group ${plan.group}; its consumers re-read from there when they start\n`);
    return 0;
  } finally {
    await cluster.close();
  }
}

export function registerReprocess(program: Command, context: CommandContext, exit: ExitCode): void {
  program
    .command('reprocess')
    .description("move a consumer group's offsets back (or forward) to a time, so it processes again from there: a plan unless --execute")
    .requiredOption('--group <group>', 'consumer group, e.g. journey')
    .requiredOption('--to-datetime <time>', 'ISO time or a duration back from now (2h)')
    .option('--topic <topic>', "only this topic (default: every topic the group has offsets on)")
    .option('--execute', 'move the offsets (refused while the group has active members)')
    .action(async (options: ReprocessOptions) => {
      exit.code = await run(options, context);
    });
}
