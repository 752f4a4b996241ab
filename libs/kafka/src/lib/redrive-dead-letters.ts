import { type DeadLetter, type DeadLetterRedriven, deadLetterIdOf, deadLetterRedrivenSchema, deadLetterSchema, Topics } from '@touchpoint/contracts';
import type { Kafka, Message } from 'kafkajs';
import { readTopicToEnd } from './topic-reader';

export interface RedriveOptions {
  readonly kafka: Kafka;
  /** Only dead letters from this topic. */
  readonly sourceTopic?: string;
  /** Only dead letters with this error code. */
  readonly errorCode?: string;
  /** Only dead letters of this consumer group. */
  readonly consumerGroup?: string;
  /** Count what would be re-driven, publish nothing. */
  readonly dryRun?: boolean;
}

export interface RedriveResult {
  /** Dead letters read. */
  readonly scanned: number;
  /** Of those, matching the filters. */
  readonly matched: number;
  /** Matching ones republished by this call. */
  readonly redriven: number;
  /** Matching ones a previous re-drive already republished. */
  readonly alreadyRedriven: number;
  /** Records on the dead-letter topic that are not dead letters (skipped). */
  readonly unreadable: number;
  /** Matching ones that carry only a prefix of the original (`truncated`): skipped, a prefix is no message. */
  readonly truncated: number;
}

/** Headers a re-driven copy carries on top of the original's: which dead letter it came from. */
export const REDRIVEN_FROM_HEADER = 'tp_redriven_from';

const decodeBase64 = (value: string | null): Buffer | null => (value === null ? null : Buffer.from(value, 'base64'));

async function ensureMarkerTopic(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes(Topics.deadLetterRedriven.name)) return;
    // Compacted: one marker per dead letter is all that must live on.
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: Topics.deadLetterRedriven.name, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
    });
  } finally {
    await admin.disconnect();
  }
}

async function redrivenIds(kafka: Kafka): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const { message } of await readTopicToEnd(kafka, Topics.deadLetterRedriven.name)) {
    const marker = deadLetterRedrivenSchema.safeParse(JSON.parse(message.value?.toString() ?? 'null'));
    if (marker.success) ids.add(marker.data.deadLetterId);
  }
  return ids;
}

/**
 * Republishes dead letters to the topics they came from, with their original key, value and
 * headers, plus `tp_redriven_from: <partition>:<offset>` of the dead letter. Each dead letter
 * is re-driven once: after its copies are acknowledged, a marker per dead letter goes to the
 * compacted tp.deadletter.redriven.v1, and dead letters with a marker are skipped next time.
 * A crash between the copy and its marker re-drives that one again on the next run; consumers
 * apply a message once per messageId, so the repeat changes nothing. A re-driven message that
 * fails again becomes a new dead letter, which a later re-drive can pick up. A dead letter
 * marked `truncated` carries only a prefix of its message and is counted, never re-driven.
 */
export async function redriveDeadLetters(options: RedriveOptions): Promise<RedriveResult> {
  const { kafka } = options;
  await ensureMarkerTopic(kafka);
  const done = await redrivenIds(kafka);
  const records = await readTopicToEnd(kafka, Topics.deadLetter.name);

  let unreadable = 0;
  const matching: { id: string; letter: DeadLetter }[] = [];
  for (const { partition, message } of records) {
    let letter: DeadLetter;
    try {
      letter = deadLetterSchema.parse(JSON.parse(message.value?.toString() ?? 'null'));
    } catch {
      unreadable++;
      continue;
    }
    if (options.sourceTopic !== undefined && letter.source.topic !== options.sourceTopic) continue;
    if (options.errorCode !== undefined && letter.errorCode !== options.errorCode) continue;
    if (options.consumerGroup !== undefined && letter.consumerGroup !== options.consumerGroup) continue;
    matching.push({ id: deadLetterIdOf(partition, message.offset), letter });
  }
  const truncated = matching.filter(({ letter }) => letter.truncated === true).length;
  const pending = matching.filter(({ id, letter }) => !done.has(id) && letter.truncated !== true);
  const alreadyRedriven = matching.filter(({ id }) => done.has(id)).length;
  const result = { scanned: records.length - unreadable, matched: matching.length, alreadyRedriven, unreadable, truncated };
  if (options.dryRun || pending.length === 0) return { ...result, redriven: 0 };

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    // One at a time, in dead-letter order: copies keep their original order per key, and each
    // marker follows its copy, so a crash re-drives at most the one dead letter in flight again.
    for (const { id, letter } of pending) {
      const copy: Message = { key: decodeBase64(letter.key), value: decodeBase64(letter.value), headers: { ...letter.headers, [REDRIVEN_FROM_HEADER]: id } };
      const [written] = await producer.send({ topic: letter.source.topic, acks: -1, messages: [copy] });
      const marker: DeadLetterRedriven = deadLetterRedrivenSchema.parse({
        deadLetterId: id,
        sourceTopic: letter.source.topic,
        redrivenTo: { partition: written.partition, offset: written.baseOffset ?? written.offset ?? '-1' },
        redrivenAt: new Date().toISOString(),
      });
      await producer.send({ topic: Topics.deadLetterRedriven.name, acks: -1, messages: [{ key: Topics.deadLetterRedriven.key(marker), value: JSON.stringify(marker) }] });
    }
  } finally {
    await producer.disconnect();
  }
  return { ...result, redriven: pending.length };
}
