import { z } from 'zod';
import { identifierSchema } from '../identity/identifiers';
import { isoTimestamp } from '../segment/timestamps';
import { defineTopic } from './topic-definition';

export const profilesUnmergedSchema = z.object({
  /** `unmerge:<mergeId>`: one merge is undone at most once, so the id follows from what it undoes. */
  unmergeId: z.string().min(1),
  /** The mergeId of tp.identity.merged.v1 this undoes. */
  mergeId: z.string().min(1),
  survivorProfileId: z.uuid(),
  /** The profile merged away by that merge, live again. */
  restoredProfileId: z.uuid(),
  /** Profiles merged into the restored one before it was merged away: they follow it back. */
  restoredMergedProfileIds: z.array(z.uuid()),
  /** The identifiers that went back to the restored profile. */
  restoredIdentifiers: z.array(identifierSchema),
  /** The identifier that made the wrong link; it now links the two profiles no more. */
  linkedBy: identifierSchema,
  /**
   * The event that made the merge and which profile it belongs to now: the side that did not
   * present the linking identifier (the card or device was someone else's).
   */
  causedByMessageId: z.string().min(1),
  causedByProfileId: z.uuid(),
  unmergedAt: isoTimestamp,
});
export type ProfilesUnmerged = z.infer<typeof profilesUnmergedSchema>;

export const identityUnmergedV1 = defineTopic({
  name: 'tp.identity.unmerged.v1',
  schema: profilesUnmergedSchema,
  // The survivor's key: the unmerge is ordered after the merges announced under it.
  key: (value) => value.survivorProfileId,
  eventType: 'io.touchpoint.identity.unmerged.v1',
  description: 'A merge undone: the merged-away profile lives again with its identifiers, and the link that joined them is blocked.',
});
