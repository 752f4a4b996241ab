import type { DeadLetter } from '@touchpoint/contracts';
import type { Admin, Producer } from 'kafkajs';
import { waitFor } from './wait-for';

/**
 * The consumer limit (KAFKA_CONSUMER_MAX_MESSAGE_BYTES) a poison spec runs its service with:
 * low enough that a record over it still fits the broker's default max.message.bytes (1 MiB),
 * which would refuse one over the consumers' own default before any consumer saw it.
 */
export const POISON_MAX_MESSAGE_BYTES = 256 * 1024;

/** The environment a service under a poison spec gets on top of its own. */
export const poisonConsumerEnv: Readonly<Record<string, string>> = Object.freeze({ KAFKA_CONSUMER_MAX_MESSAGE_BYTES: String(POISON_MAX_MESSAGE_BYTES) });

export interface PoisonRecord {
  readonly label: string;
  readonly value: Buffer | null;
  /** The code its dead letter must carry; null for a record that is valid after all and must only not block. */
  readonly code: string | null;
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const padding = (bytes: number): string => 'x'.repeat(bytes);

/**
 * Records no consumer of `good`'s topic can use, built from one valid value of it: not JSON,
 * not UTF-8, no value, the wrong shape, the wrong types, a later version in an envelope, large
 * but under the consumer limit, and over it. Schemas strip unknown fields, so `good` with
 * padding under the limit is valid: it is in the list to show that size alone blocks nothing.
 */
export function poisonRecords(good: object, maxMessageBytes = POISON_MAX_MESSAGE_BYTES): PoisonRecord[] {
  const firstField = Object.keys(good)[0] ?? 'id';
  const under = maxMessageBytes - 16 * 1024;
  return [
    { label: 'invalid JSON', value: Buffer.from(`{"${firstField}": "not closed`), code: 'TP_CONSUMER_UNDECODABLE' },
    { label: 'not UTF-8', value: Buffer.from([0xff, 0xfe, 0x00, 0x7b]), code: 'TP_CONSUMER_UNDECODABLE' },
    { label: 'not UTF-8 inside a valid value', value: Buffer.concat([Buffer.from(`{"${firstField}": "`), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]), code: 'TP_CONSUMER_UNDECODABLE' },
    { label: 'empty value', value: null, code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
    { label: 'schema violation', value: json({ hello: 'world' }), code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
    { label: 'wrong type in every field', value: json(Object.fromEntries(Object.keys(good).map((key) => [key, 42]))), code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
    { label: 'wrong version in an envelope', value: json({ version: 2, data: good }), code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
    { label: 'large, under the limit, invalid', value: json({ padding: padding(under) }), code: 'TP_CONSUMER_SCHEMA_MISMATCH' },
    // Valid but for its size: refused unparsed, not as a schema mismatch.
    { label: 'over the consumer limit', value: json({ ...good, padding: padding(maxMessageBytes) }), code: 'TP_CONSUMER_MESSAGE_TOO_LARGE' },
    { label: 'large, under the limit, valid', value: json({ ...good, padding: padding(under) }), code: null },
  ];
}

export interface PoisonVerdict {
  readonly label: string;
  readonly code: string | null;
  /** The dead letter carries the original bytes and their size. */
  readonly bytesKept: boolean;
  readonly group: string;
}

/**
 * What became of each poison record that must be dead-lettered, beside what should have;
 * `letterOf(index)` finds the dead letter of `poison[index]`, if there is one.
 */
export function poisonVerdicts(
  poison: readonly PoisonRecord[],
  letterOf: (index: number) => DeadLetter | undefined,
  group: string,
): { readonly actual: PoisonVerdict[]; readonly expected: PoisonVerdict[] } {
  const lettered = poison.map((record, index) => ({ record, letter: letterOf(index) })).filter(({ record }) => record.code !== null);
  return {
    actual: lettered.map(({ record, letter }) => ({
      label: record.label,
      code: letter?.errorCode ?? null,
      bytesKept: letter !== undefined && letter.value === (record.value ? record.value.toString('base64') : null) && letter.valueBytes === (record.value?.length ?? null),
      group: letter?.consumerGroup ?? '(none)',
    })),
    expected: lettered.map(({ record }) => ({ label: record.label, code: record.code, bytesKept: true, group })),
  };
}

/** Whether every record that must be dead-lettered has its dead letter yet. */
export const allPoisonLettered = (poison: readonly PoisonRecord[], letterOf: (index: number) => DeadLetter | undefined): boolean =>
  poison.every((record, index) => record.code === null || letterOf(index) !== undefined);

/** Where the poison records and the good record after them landed: one partition, in that order. */
export interface PoisonPositions {
  readonly partition: number;
  /** The offset of each poison record, in the order given. */
  readonly offsets: readonly string[];
  readonly goodOffset: string;
}

/**
 * Writes each poison record, then the good value, under one key (so to one partition), one
 * produce request each: together they would exceed the broker's max.message.bytes for a batch.
 */
export async function producePoison(producer: Producer, topic: string, key: string, poison: readonly PoisonRecord[], good: Buffer | string): Promise<PoisonPositions> {
  const offsets: string[] = [];
  let partition: number | null = null;
  for (const value of [...poison.map((record) => record.value), good]) {
    const [sent] = await producer.send({ topic, acks: -1, messages: [{ key, value }] });
    if (partition !== null && sent.partition !== partition) throw new Error(`${topic}: records of key ${key} landed on partitions ${partition} and ${sent.partition}`);
    partition = sent.partition;
    offsets.push(sent.baseOffset ?? sent.offset ?? '-1');
  }
  const goodOffset = offsets.pop() ?? '-1';
  return { partition: partition ?? -1, offsets, goodOffset };
}

export interface PoisonOutcome {
  readonly actual: PoisonVerdict[];
  readonly expected: PoisonVerdict[];
  /** The valid record after the poison was dead-lettered too: it should have been handled. */
  readonly goodRecordLettered: boolean;
}

/**
 * Waits until `group` committed past the good record (everything before it was handled or
 * dead-lettered: the partition was not blocked) and every poison record has its dead letter
 * in `deadLetters` (a list a watcher keeps filling), then says what became of each.
 */
export async function poisonOutcome(options: {
  readonly admin: Admin;
  readonly group: string;
  readonly topic: string;
  readonly poison: readonly PoisonRecord[];
  readonly positions: PoisonPositions;
  readonly deadLetters: readonly DeadLetter[];
  readonly timeoutMs?: number;
}): Promise<PoisonOutcome> {
  const { admin, group, topic, poison, deadLetters } = options;
  const { partition, offsets, goodOffset } = options.positions;
  const timeoutMs = options.timeoutMs ?? 60_000;
  await waitFor(
    async () => {
      const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      const offset = committed?.partitions.find((p) => p.partition === partition)?.offset;
      return offset !== undefined && Number(offset) > Number(goodOffset) ? true : undefined;
    },
    `${group} committed past ${topic}[${partition}]@${goodOffset}`,
    timeoutMs,
  );
  const ours = (offset: string | undefined) => deadLetters.find((letter) => letter.source.topic === topic && letter.source.partition === partition && letter.source.offset === offset);
  const letterOf = (index: number) => ours(offsets[index]);
  await waitFor(() => (allPoisonLettered(poison, letterOf) ? true : undefined), `dead letters of ${topic}`, timeoutMs);
  return { ...poisonVerdicts(poison, letterOf, group), goodRecordLettered: ours(goodOffset) !== undefined };
}
