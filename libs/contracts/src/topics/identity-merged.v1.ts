import { z } from 'zod';
import { identifierSchema } from '../identity/identifiers';
import { isoTimestamp } from '../segment/timestamps';
import { defineTopic } from './topic-definition';

export const profilesMergedSchema = z.object({
  mergeId: z.string().min(1),
  survivorProfileId: z.uuid(),
  mergedProfileIds: z.array(z.uuid()).min(1),
  /** The identifier that proved the profiles are one customer, e.g. "loyaltyId". */
  reason: z.string().min(1),
  identifiers: z.array(identifierSchema),
  mergedAt: isoTimestamp,
  causedByMessageId: z.string().min(1),
});
export type ProfilesMerged = z.infer<typeof profilesMergedSchema>;

export const identityMergedV1 = defineTopic({
  name: 'tp.identity.merged.v1',
  schema: profilesMergedSchema,
  key: (value) => value.survivorProfileId,
  eventType: 'io.touchpoint.identity.merged.v1',
  description: 'Profiles found to be one customer; the merged profiles live on in the survivor.',
});
