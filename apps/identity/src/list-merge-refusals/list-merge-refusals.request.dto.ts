import { z } from 'zod';

/** `?reason=&before=&limit=`: newest first; `before` (an ISO time) pages back. */
export const listMergeRefusalsRequestSchema = z.object({
  reason: z.enum(['max_per_profile', 'shared_identifier', 'blocked_link']).optional(),
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListMergeRefusalsRequest = z.infer<typeof listMergeRefusalsRequestSchema>;
