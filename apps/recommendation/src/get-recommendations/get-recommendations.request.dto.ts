import { z } from 'zod';

export const profilePathSchema = z.object({ id: z.uuid() });

export const recommendationsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The page the customer is on, e.g. `product:jacket-42`: its accessories come first and it is left out. */
  context: z
    .string()
    .max(200)
    .regex(/^product:[^\s]+$/, 'must be product:<productId>')
    .transform((value) => value.slice('product:'.length))
    .optional(),
});
