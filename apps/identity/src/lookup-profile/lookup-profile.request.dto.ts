import { identifierTypes } from '@touchpoint/contracts';
import { z } from 'zod';

/** `?type=&value=`: for email and phone the caller sends the plain value; the service hashes it. */
export const lookupProfileRequestSchema = z.object({
  type: z.enum(identifierTypes),
  value: z.string().trim().min(1).max(512),
});
export type LookupProfileRequest = z.infer<typeof lookupProfileRequestSchema>;
