import { z } from 'zod';
import { isoTimestamp } from '../segment/timestamps';
import { defineTopic } from './topic-definition';

/** Never carries identifier values: the point of the message is that they are gone. */
export const profileDeletedSchema = z.object({
  deletionId: z.uuid(),
  profileId: z.uuid(),
  /** Profiles merged into the deleted one earlier; consumers holding state under them drop it too. */
  mergedProfileIds: z.array(z.uuid()),
  deletedAt: isoTimestamp,
});
export type ProfileDeleted = z.infer<typeof profileDeletedSchema>;

export const profileDeletedV1 = defineTopic({
  name: 'tp.profile.deleted.v1',
  schema: profileDeletedSchema,
  key: (value) => value.profileId,
  eventType: 'io.touchpoint.profile.deleted.v1',
  description: 'A profile was erased on request (GDPR); every service drops the state it keeps for it.',
});
