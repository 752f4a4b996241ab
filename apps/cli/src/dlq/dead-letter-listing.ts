import { type DeadLetter, deadLetterIdOf, deadLetterRedrivenSchema, deadLetterSchema, Topics } from '@touchpoint/contracts';
import type { CliKafka } from '../kafka/cli-kafka';
import { readWholeTopic } from '../kafka/read-topic';

export interface ListedDeadLetter {
  /** `partition:offset` on the dead-letter topic: what `dlq show` and the re-drive markers name. */
  readonly id: string;
  readonly letter: DeadLetter;
  /** Where a re-drive republished it, or null. */
  readonly redrivenTo: { readonly partition: number; readonly offset: string } | null;
}

export interface DeadLetterFilter {
  readonly code?: string;
  readonly topic?: string;
  readonly group?: string;
}

const json = (value: Buffer | null): unknown => {
  try {
    return JSON.parse(value?.toString('utf8') ?? 'null') as unknown;
  } catch {
    return null;
  }
};

/** The dead letters matching the filter, in topic order, each with its re-drive if any; read without a consumer group. */
export async function listDeadLetters(cluster: CliKafka, filter: DeadLetterFilter): Promise<{ letters: ListedDeadLetter[]; unreadable: number }> {
  const redriven = new Map<string, { partition: number; offset: string }>();
  for (const { message } of await readWholeTopic(cluster, Topics.deadLetterRedriven.name)) {
    const marker = deadLetterRedrivenSchema.safeParse(json(message.value));
    if (marker.success) redriven.set(marker.data.deadLetterId, marker.data.redrivenTo);
  }
  const letters: ListedDeadLetter[] = [];
  let unreadable = 0;
  for (const { partition, message } of await readWholeTopic(cluster, Topics.deadLetter.name)) {
    const parsed = deadLetterSchema.safeParse(json(message.value));
    if (!parsed.success) {
      unreadable++;
      continue;
    }
    const letter = parsed.data;
    if (filter.code !== undefined && letter.errorCode !== filter.code) continue;
    if (filter.topic !== undefined && letter.source.topic !== filter.topic) continue;
    if (filter.group !== undefined && letter.consumerGroup !== filter.group) continue;
    const id = deadLetterIdOf(partition, message.offset);
    letters.push({ id, letter, redrivenTo: redriven.get(id) ?? null });
  }
  return { letters, unreadable };
}
