import { AssignerProtocol, type Kafka } from 'kafkajs';

export interface GroupAssignment {
  readonly state: string;
  /** Per member, the partitions of the topic it owns, sorted. */
  readonly members: readonly (readonly number[])[];
}

/** Who owns which partitions of `topic` in the group, as the coordinator tells it. */
export async function groupAssignment(kafka: Kafka, groupId: string, topic: string): Promise<GroupAssignment> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    const group = groups.find((g) => g.groupId === groupId);
    if (!group) return { state: 'Unknown', members: [] };
    const members = group.members.map((member) => {
      if (member.memberAssignment.length === 0) return [];
      const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
      return [...(decoded?.assignment[topic] ?? [])].sort((a, b) => a - b);
    });
    return { state: group.state, members };
  } finally {
    await admin.disconnect();
  }
}

/** Stable, with exactly `members` members, each owning at least one partition. */
export const splitAmong =
  (members: number) =>
  (assignment: GroupAssignment): boolean =>
    assignment.state === 'Stable' && assignment.members.length === members && assignment.members.every((partitions) => partitions.length > 0);
