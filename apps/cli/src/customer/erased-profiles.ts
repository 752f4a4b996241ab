import { Topics } from '@touchpoint/contracts';
import type { CliKafka } from '../kafka/cli-kafka';
import { readWholeTopic } from '../kafka/read-topic';

/** Every profile id an erasure named (the profile and those merged into it), from tp.profile.deleted.v1. */
export async function erasedProfileIds(cluster: CliKafka): Promise<Set<string>> {
  const erased = new Set<string>();
  for (const { message } of await readWholeTopic(cluster, Topics.profileDeleted.name)) {
    let value: unknown;
    try {
      value = JSON.parse(message.value?.toString('utf8') ?? 'null');
    } catch {
      continue;
    }
    const parsed = Topics.profileDeleted.schema.safeParse(value);
    if (!parsed.success) continue;
    erased.add(parsed.data.profileId);
    for (const id of parsed.data.mergedProfileIds) erased.add(id);
  }
  return erased;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Whether a record belongs to an erased profile: keyed by one, or naming one anywhere in it. */
export function touchesErased(key: string | null, text: string, erased: ReadonlySet<string>): boolean {
  if (erased.size === 0) return false;
  if (key !== null && erased.has(key)) return true;
  for (const match of text.matchAll(UUID)) if (erased.has(match[0].toLowerCase())) return true;
  return false;
}
