import { z } from 'zod';

export const listProfileIdentifiersRequestSchema = z.object({ id: z.uuid() });
export type ListProfileIdentifiersRequest = z.infer<typeof listProfileIdentifiersRequestSchema>;
