import { z } from 'zod';

export const profilePathSchema = z.object({ id: z.uuid() });
