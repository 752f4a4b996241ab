import { z } from 'zod';
import { decodeCursor } from '../journey-record/timeline';

export const timelineQuerySchema = z.object({
  after: z
    .string()
    .max(2048)
    .refine((value) => decodeCursor(value) !== null, 'must be the `next` cursor of a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
