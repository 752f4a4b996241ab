import { z } from 'zod';
import { isoTimestamp } from '../segment/timestamps';
import { defineTopic } from './topic-definition';

export const deadLetterSchema = z.object({
  errorCode: z.string().regex(/^TP_[A-Z0-9_]+$/),
  errorMessage: z.string(),
  source: z.object({ topic: z.string(), partition: z.number().int(), offset: z.string() }),
  consumerGroup: z.string(),
  /** The original key and value, base64, byte for byte (unless `truncated`), so the message can be re-driven. */
  key: z.string().nullable(),
  value: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  failedAt: isoTimestamp,
  /** The original value's size in bytes (null: no value); absent on dead letters written before it was recorded. */
  valueBytes: z.number().int().nonnegative().nullable().optional(),
  /**
   * True when key, value or headers were too large to carry and hold only a prefix (of the
   * original bytes, base64): the dead letter still fits its topic, but cannot be re-driven.
   */
  truncated: z.boolean().optional(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

export const deadLetterV1 = defineTopic({
  name: 'tp.deadletter.v1',
  schema: deadLetterSchema,
  key: (value) => `${value.source.topic}:${value.source.partition}:${value.source.offset}`,
  eventType: 'io.touchpoint.deadletter.v1',
  description: 'Messages a consumer could not process, with the error code and where they came from.',
});
