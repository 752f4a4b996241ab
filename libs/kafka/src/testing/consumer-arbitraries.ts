import type { TopicDefinition } from '@touchpoint/contracts';
import fc from 'fast-check';
import type { IHeaders } from 'kafkajs';
import type { z } from 'zod';
import { merged } from './spec-helpers';

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const fields = Object.keys(merged('m'));

/** A valid tp.identity.merged.v1 value, changed in one of the ways a buggy or hostile producer would. */
export const mutatedMerge: fc.Arbitrary<Buffer> = fc.oneof(
  fc.record({ field: fc.constantFrom(...fields), replacement: fc.jsonValue({ maxDepth: 3 }) }).map(({ field, replacement }) => json({ ...merged('m'), [field]: replacement })),
  fc.constantFrom(...fields).map((field) => json(Object.fromEntries(Object.entries(merged('m')).filter(([name]) => name !== field)))),
  fc.record({ version: fc.integer(), wrap: fc.constantFrom('data', 'payload', 'value') }).map(({ version, wrap }) => json({ version, [wrap]: merged('m') })),
  fc.nat().map((cut) => {
    const bytes = json(merged('m'));
    return bytes.subarray(0, cut % bytes.length);
  }),
  fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }).map(({ at, byte }) => {
    const bytes = Buffer.from(json(merged('m')));
    bytes[at % bytes.length] = byte;
    return bytes;
  }),
  fc.record({ extra: fc.string({ maxLength: 8 }), value: fc.jsonValue({ maxDepth: 2 }) }).map(({ extra, value }) => json({ ...merged('m'), [`x${extra}`]: value })),
);

/**
 * Any record value a consumer of tp.identity.merged.v1 may meet: valid ones (each its own
 * mergeId), none, arbitrary bytes, arbitrary JSON, mutated valid ones, and ones over `maxBytes`.
 */
export function recordValue(maxBytes: number): fc.Arbitrary<Buffer | null> {
  return fc.oneof(
    fc.uuid().map((id) => json(merged(id))),
    fc.constant(null),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    fc.jsonValue({ maxDepth: 3 }).map(json),
    mutatedMerge,
    fc.record({ id: fc.uuid(), over: fc.integer({ min: 1, max: 2_048 }) }).map(({ id, over }) => json({ ...merged(id), padding: 'x'.repeat(maxBytes + over) })),
  );
}

/** Arbitrary headers, including the ones the runner reads (CloudEvents id, traceparent, accept time) with values of any shape. */
export const recordHeaders: fc.Arbitrary<IHeaders> = fc.dictionary(
  fc.oneof(fc.constantFrom('ce_id', 'traceparent', 'tp_accepted_at', 'content-type'), fc.string({ maxLength: 12 })),
  fc.oneof(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes))),
  { maxKeys: 4 },
);

export type Verdict<V> = { readonly valid: true; readonly value: V } | { readonly valid: false; readonly code: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** What a consumer must make of `value`, worked out independently of the decoder. */
export function verdictOf<S extends z.ZodType>(topic: TopicDefinition<S>, value: Buffer | null, maxBytes: number): Verdict<z.output<S>> {
  if ((value?.length ?? 0) > maxBytes) return { valid: false, code: 'TP_CONSUMER_MESSAGE_TOO_LARGE' };
  let parsedJson: unknown;
  try {
    parsedJson = value === null ? null : JSON.parse(strictUtf8.decode(value));
  } catch {
    return { valid: false, code: 'TP_CONSUMER_UNDECODABLE' };
  }
  const parsed = topic.schema.safeParse(parsedJson);
  return parsed.success ? { valid: true, value: parsed.data } : { valid: false, code: 'TP_CONSUMER_SCHEMA_MISMATCH' };
}
