import { identifierTypes } from '@touchpoint/contracts';
import { z } from 'zod';

export const deleteProfileByIdRequestSchema = z.object({ id: z.uuid() });

/** `?type=&value=`: for email and phone the caller sends the plain value; the service hashes it. */
export const deleteProfileByIdentifierRequestSchema = z.object({
  type: z.enum(identifierTypes),
  value: z.string().trim().min(1).max(512),
  /** The chain that issued a loyalty card or POS customer id; the registry's default chain when absent. */
  chain: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/).optional(),
});

/** `X-Requested-By`: who asked (an operator or ticket id), recorded in the audit. */
export const requestedBySchema = z.string().trim().min(1).max(256).regex(/^[\w .@:#/-]+$/).default('admin-token');
