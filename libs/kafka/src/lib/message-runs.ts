import type { KafkaMessage } from 'kafkajs';

/** A fetched message that parsed against its topic's schema. */
export interface DecodedMessage<V> {
  readonly message: KafkaMessage;
  readonly decoded: true;
  readonly value: V;
}

/** A fetched message that did not: not JSON, or not of the schema. */
export interface UndecodableMessage {
  readonly message: KafkaMessage;
  readonly decoded: false;
  readonly error: unknown;
}

export type FetchedMessage<V> = DecodedMessage<V> | UndecodableMessage;

/**
 * What one attempt works on: consecutive decodable messages of one partition in offset order
 * (never empty), or a lone undecodable message, which goes the dead-letter way in its position.
 */
export type MessageRun<V> = { readonly kind: 'values'; readonly items: readonly DecodedMessage<V>[] } | { readonly kind: 'undecodable'; readonly item: UndecodableMessage };

export interface RunLimit {
  /** At least 1. */
  readonly maxSize: number;
  /** The run ends at this offset at the latest: the end of a run being retried, or of one being handled message by message. */
  readonly throughOffset?: string;
}

/** The run that starts at `fetched[from]`, which must exist. */
export function runAt<V>(fetched: readonly FetchedMessage<V>[], from: number, limit: RunLimit): MessageRun<V> {
  const head = fetched[from];
  if (!head.decoded) return { kind: 'undecodable', item: head };
  const through = limit.throughOffset === undefined ? null : BigInt(limit.throughOffset);
  const items: DecodedMessage<V>[] = [head];
  for (let index = from + 1; index < fetched.length && items.length < limit.maxSize; index++) {
    const next = fetched[index];
    if (!next.decoded || (through !== null && BigInt(next.message.offset) > through)) break;
    items.push(next);
  }
  return { kind: 'values', items };
}

export function messagesOf<V>(run: MessageRun<V>): readonly KafkaMessage[] {
  return run.kind === 'values' ? run.items.map((item) => item.message) : [run.item.message];
}
