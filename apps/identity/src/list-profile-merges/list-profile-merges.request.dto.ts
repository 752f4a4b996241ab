import { z } from 'zod';

export const listProfileMergesRequestSchema = z.object({ id: z.uuid() });
export type ListProfileMergesRequest = z.infer<typeof listProfileMergesRequestSchema>;
