import { Topics } from '@touchpoint/contracts';
import type { ReadMessage } from '../kafka/partition-reader';
import { maskKey, maskPersonalData } from './mask-personal-data';

/** A record as the tool prints it: where it is, when, its key and its decoded value. */
export interface ShownRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** The record's Kafka timestamp, ISO. */
  readonly time: string;
  readonly key: string | null;
  readonly value: unknown;
}

/** The value as JSON when it is JSON, else as text; null stays null (a tombstone). */
export function decodeValue(value: Buffer | null): unknown {
  if (value === null) return null;
  const text = value.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function showRecord({ topic, partition, message }: ReadMessage, showPii: boolean): ShownRecord {
  const key = message.key?.toString('utf8') ?? null;
  const value = decodeValue(message.value);
  return {
    topic,
    partition,
    offset: message.offset,
    time: new Date(Number(message.timestamp)).toISOString(),
    key: showPii ? key : maskKey(key),
    value: showPii ? value : maskPersonalData(value),
  };
}

const field = (value: unknown, ...path: string[]): unknown => {
  let current = value;
  for (const step of path) current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[step] : undefined;
  return current;
};
const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** A Segment event in one line: name, products, channel. */
export function segmentSummary(event: unknown): string {
  const name = text(field(event, 'event')) || text(field(event, 'type'));
  const lines = field(event, 'properties', 'products');
  const listed = Array.isArray(lines) ? lines.map((line) => text(field(line, 'product_id'))).filter(Boolean).join(',') : '';
  const product = text(field(event, 'properties', 'product_id')) || text(field(event, 'properties', 'productId')) || listed;
  const channel = text(field(event, 'context', 'channel'));
  return [name, product && `product=${product}`, channel && `channel=${channel}`].filter(Boolean).join(' ');
}

/** What a record says, in one line: the event name, the recommendation, the transition, the dead letter. */
export function summaryOf(record: ShownRecord): string {
  const v = record.value;
  switch (record.topic) {
    case Topics.eventsRaw.name:
      return segmentSummary(v);
    case Topics.eventsResolved.name:
      return `profile=${text(field(v, 'profileId'))} ${segmentSummary(field(v, 'event'))}`;
    case Topics.identityMerged.name:
      return `merged ${JSON.stringify(field(v, 'mergedProfileIds'))} into ${text(field(v, 'survivorProfileId'))} by ${text(field(v, 'reason'))}`;
    case Topics.journeyTransitions.name:
      return `${text(field(v, 'kind'))} ${text(field(v, 'profileId'))} cause=${text(field(v, 'cause', 'kind'))}:${text(field(v, 'cause', 'id'))} stage ${text(field(v, 'before', 'stage')) || '-'} -> ${text(field(v, 'after', 'stage')) || '-'}`;
    case Topics.recommendations.name:
      return [text(field(v, 'type')), text(field(v, 'profileId')), text(field(v, 'productId')) && `product=${text(field(v, 'productId'))}`, text(field(v, 'reason')) && `reason=${text(field(v, 'reason'))}`, text(field(v, 'audienceId')) && `audience=${text(field(v, 'audienceId'))}`]
        .filter(Boolean)
        .join(' ');
    case Topics.deadLetter.name:
      return `${text(field(v, 'errorCode'))} from ${text(field(v, 'source', 'topic'))}/${text(field(v, 'source', 'partition'))}@${text(field(v, 'source', 'offset'))}`;
    case Topics.profileDeleted.name:
      return `erased ${text(field(v, 'profileId'))}`;
    default:
      return JSON.stringify(v).slice(0, 100);
  }
}

/** The names `--type` matches: the event name and Segment type, or the message's own type. */
export function typesOf(record: ShownRecord): string[] {
  const v = record.value;
  const event = record.topic === Topics.eventsResolved.name ? field(v, 'event') : v;
  return [text(field(event, 'event')), text(field(event, 'type')), text(field(v, 'kind')), text(field(v, 'errorCode'))].filter(Boolean);
}
