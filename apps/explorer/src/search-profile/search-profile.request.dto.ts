import { z } from 'zod';
import { searchableTypes } from '../explorer-api/explorer-api';

/** The search form's body; sent as a body, so an email or phone never lands in a URL or an access log. */
export const searchProfileRequestSchema = z.object({
  type: z.enum(searchableTypes),
  value: z.string().trim().min(1).max(512),
  /** The chain that issued a loyalty card or POS customer id; identity's default chain when absent. */
  chain: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/).optional(),
});
export type SearchProfileRequest = z.infer<typeof searchProfileRequestSchema>;
