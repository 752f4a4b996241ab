import type { Command } from 'commander';
import { loadCliSettings } from '../cli-settings';
import type { CommandContext, ExitCode } from '../command-context';
import { CliKafka } from '../kafka/cli-kafka';
import { renderTable } from '../output/table';

interface TopicsOptions {
  readonly topic?: string;
  readonly format: string;
}

export interface PartitionOffsets {
  readonly topic: string;
  readonly partition: number;
  readonly earliest: string;
  readonly latest: string;
}

export interface GroupLag {
  readonly group: string;
  readonly state: string;
  readonly members: number;
  readonly topic: string;
  readonly partition: number;
  /** null: the group committed nothing for this partition. */
  readonly committed: string | null;
  /** Records between the committed offset (or the earliest, with none) and the end. */
  readonly lag: string;
}

/** Offsets of every partition of the topics, and each group's committed offset and lag on them. */
export async function topicOverview(cluster: CliKafka, only?: string): Promise<{ partitions: PartitionOffsets[]; groups: GroupLag[] }> {
  if (only !== undefined) await cluster.requireTopic(only);
  const admin = await cluster.admin();
  const topics = only !== undefined ? [only] : [...(await cluster.topicNames())].filter((t) => !t.startsWith('__')).sort();
  const partitions: PartitionOffsets[] = [];
  for (const topic of topics) {
    for (const p of (await admin.fetchTopicOffsets(topic)).sort((a, b) => a.partition - b.partition)) partitions.push({ topic, partition: p.partition, earliest: p.low, latest: p.high });
  }
  const groupIds = (await admin.listGroups()).groups.map((g) => g.groupId).sort();
  const described = groupIds.length === 0 ? [] : (await admin.describeGroups(groupIds)).groups;
  const groups: GroupLag[] = [];
  for (const groupId of groupIds) {
    const description = described.find((g) => g.groupId === groupId);
    for (const { topic, partitions: committed } of await admin.fetchOffsets({ groupId, topics })) {
      // A group that committed nothing on a topic does not read it: not listed for it.
      if (!committed.some((c) => BigInt(c.offset) >= 0n)) continue;
      for (const c of committed.sort((a, b) => a.partition - b.partition)) {
        const offsets = partitions.find((p) => p.topic === topic && p.partition === c.partition);
        if (!offsets) continue;
        const has = BigInt(c.offset) >= 0n;
        groups.push({
          group: groupId,
          state: description?.state ?? 'Unknown',
          members: description?.members.length ?? 0,
          topic,
          partition: c.partition,
          committed: has ? c.offset : null,
          lag: (BigInt(offsets.latest) - (has ? BigInt(c.offset) : BigInt(offsets.earliest))).toString(),
        });
      }
    }
  }
  return { partitions, groups };
}

async function run(options: TopicsOptions, context: CommandContext): Promise<number> {
  const cluster = new CliKafka(loadCliSettings(context.connection()));
  try {
    const overview = await topicOverview(cluster, options.topic);
    if (options.format === 'json') {
      context.stdout.write(`${JSON.stringify(overview, null, 2)}\n`);
      return 0;
    }
    context.stdout.write(renderTable(['TOPIC', 'PARTITION', 'EARLIEST', 'LATEST'], overview.partitions.map((p) => [p.topic, String(p.partition), p.earliest, p.latest])));
    context.stdout.write('\n');
    context.stdout.write(
      overview.groups.length === 0
        ? 'no consumer group has committed offsets on these topics\n'
        : renderTable(
            ['GROUP', 'STATE', 'MEMBERS', 'TOPIC', 'PARTITION', 'COMMITTED', 'LAG'],
            overview.groups.map((g) => [g.group, g.state, String(g.members), g.topic, String(g.partition), g.committed ?? '-', g.lag]),
          ),
    );
    return 0;
  } finally {
    await cluster.close();
  }
}

export function registerTopics(program: Command, context: CommandContext, exit: ExitCode): void {
  program
    .command('topics')
    .description("every topic's partitions with earliest and latest offsets, and each consumer group's committed offset and lag")
    .option('--topic <topic>', 'only this topic')
    .option('--format <format>', 'table | json', 'table')
    .action(async (options: TopicsOptions) => {
      exit.code = await run(options, context);
    });
}
