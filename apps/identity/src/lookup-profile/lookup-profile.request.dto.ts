import { identifierTypes } from '@touchpoint/contracts';
import { z } from 'zod';

/**
 * `?type=&value=`: for email and phone the caller sends the plain value and the service hashes
 * it, or, with `hashed=true`, the keyed hash itself (what a caller that must not send the value
 * in clear does, e.g. the journey explorer).
 */
export const lookupProfileRequestSchema = z
  .object({
    type: z.enum(identifierTypes),
    value: z.string().trim().min(1).max(512),
    hashed: z.enum(['true', 'false']).transform((flag) => flag === 'true').optional(),
    /** The chain that issued a loyalty card or POS customer id; the registry's default chain when absent. */
    chain: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/).optional(),
  })
  .refine((request) => !request.hashed || ((request.type === 'email' || request.type === 'phone') && /^[0-9a-f]{64}$/.test(request.value)), {
    message: 'hashed=true is for email and phone, with the 64-hex keyed hash as value',
    path: ['hashed'],
  });
export type LookupProfileRequest = z.infer<typeof lookupProfileRequestSchema>;
