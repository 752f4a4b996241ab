import { z } from 'zod';
import { isoTimestamp } from '../segment/timestamps';
import { defineTopic } from './topic-definition';

/** Where a dead letter sits: its partition and offset on tp.deadletter.v1, e.g. "2:41". */
export const deadLetterIdOf = (partition: number, offset: string): string => `${partition}:${offset}`;

export const deadLetterRedrivenSchema = z.object({
  /** `deadLetterIdOf(partition, offset)` of the dead letter. */
  deadLetterId: z.string().regex(/^\d+:\d+$/),
  sourceTopic: z.string(),
  /** The coordinates of the republished copy on the source topic. */
  redrivenTo: z.object({ partition: z.number().int(), offset: z.string() }),
  redrivenAt: isoTimestamp,
});
export type DeadLetterRedriven = z.infer<typeof deadLetterRedrivenSchema>;

export const deadLetterRedrivenV1 = defineTopic({
  name: 'tp.deadletter.redriven.v1',
  schema: deadLetterRedrivenSchema,
  key: (value) => value.deadLetterId,
  eventType: 'io.touchpoint.deadletter.redriven.v1',
  description: 'One record per dead letter that was republished to its source topic (compacted by dead-letter id), so a re-drive never republishes a dead letter twice.',
});
