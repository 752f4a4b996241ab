import { CliError } from '../cli-error';
import type { CliKafka } from '../kafka/cli-kafka';

export interface PlannedMove {
  readonly topic: string;
  readonly partition: number;
  /** null: the group committed nothing on this partition. */
  readonly current: string | null;
  readonly target: string;
}

export interface ReprocessPlan {
  readonly group: string;
  readonly state: string;
  readonly members: number;
  readonly moves: readonly PlannedMove[];
}

/**
 * Where a group's committed offsets are and where they would go: the first offset at or
 * after `to` on each partition of the group's topics (or of `topic` alone). Reads only.
 */
export async function planReprocess(cluster: CliKafka, group: string, to: number, topic?: string): Promise<ReprocessPlan> {
  const admin = await cluster.admin();
  const listed = (await admin.listGroups()).groups.some((g) => g.groupId === group);
  if (topic !== undefined) await cluster.requireTopic(topic);
  const topics = topic !== undefined ? [topic] : [...(await cluster.topicNames())].filter((t) => !t.startsWith('__')).sort();
  const committed = await admin.fetchOffsets({ groupId: group, topics });
  const read = committed.filter((t) => t.partitions.some((p) => BigInt(p.offset) >= 0n));
  if (!listed && read.length === 0) throw new CliError('TP_CLI_UNKNOWN_GROUP', `the cluster knows no consumer group ${group}`);
  const chosen = topic !== undefined ? committed.filter((t) => t.topic === topic) : read;
  const moves: PlannedMove[] = [];
  for (const { topic: name, partitions } of chosen.sort((a, b) => a.topic.localeCompare(b.topic))) {
    const targets = new Map((await admin.fetchTopicOffsetsByTimestamp(name, to)).map((p) => [p.partition, p.offset]));
    for (const p of [...partitions].sort((a, b) => a.partition - b.partition)) {
      moves.push({ topic: name, partition: p.partition, current: BigInt(p.offset) >= 0n ? p.offset : null, target: targets.get(p.partition) ?? p.offset });
    }
  }
  const description = (await admin.describeGroups([group])).groups[0];
  return { group, state: description?.state ?? 'Unknown', members: description?.members.length ?? 0, moves };
}

/** Moves the group's offsets as planned; refuses while the group has members, who would overwrite them. */
export async function executeReprocess(cluster: CliKafka, plan: ReprocessPlan): Promise<void> {
  if (plan.members > 0) throw new CliError('TP_CLI_GROUP_ACTIVE', `group ${plan.group} has ${plan.members} active members (${plan.state}): stop its consumers, then run again`);
  const admin = await cluster.admin();
  const byTopic = new Map<string, { partition: number; offset: string }[]>();
  for (const move of plan.moves) byTopic.set(move.topic, [...(byTopic.get(move.topic) ?? []), { partition: move.partition, offset: move.target }]);
  for (const [topic, partitions] of byTopic) await admin.setOffsets({ groupId: plan.group, topic, partitions });
}
