import { z } from 'zod';

export const unmergeProfileParamsSchema = z.object({ id: z.uuid() });

/** Which merge to undo: a mergeId from GET /v1/profiles/:id/merges. */
export const unmergeProfileBodySchema = z.object({ mergeId: z.string().trim().min(1).max(600) }).strict();
