import { identifierSchema } from '@touchpoint/contracts';
import { z } from 'zod';

/** jsonb columns are read back through the contract schema: what we stored is checked, not trusted. */
export { identifierSchema };
export const identifierListSchema = z.array(identifierSchema);
