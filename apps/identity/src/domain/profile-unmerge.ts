import type { Identifier } from '@touchpoint/contracts';
import type { UnmergeRecord } from './profile-history';

export type UnmergeOutcome =
  /** Done now, or earlier (then the same record again, so a retry after a failed announcement re-announces it). */
  | { readonly status: 'unmerged'; readonly unmerge: UnmergeRecord }
  | { readonly status: 'not_found' }
  /** The merge's survivor was merged into `blockedBy` or erased since: that has to be undone (or is final) first. */
  | { readonly status: 'conflict'; readonly reason: 'survivor_merged' | 'survivor_deleted' | 'restored_moved'; readonly blockedBy: string | null };

/**
 * Undoes one merge from the merge log, atomically with respect to resolution: the merged-away
 * profile lives again with the identifiers the merge moved (and the profiles merged into it
 * before), and the link between the two is blocked so no event makes it again.
 */
export abstract class ProfileUnmerge {
  /** `profileId` must have taken part in the merge, as survivor or as merged profile. */
  abstract unmerge(profileId: string, mergeId: string, requestedBy: string): Promise<UnmergeOutcome>;
}

export function unmergeIdOf(mergeId: string): string {
  return `unmerge:${mergeId}`;
}

/**
 * The event that made a wrong merge belongs to the side that did not present the linking
 * identifier: that identifier (a shared card, a family tablet) was someone else's.
 */
export function causedByProfileOf(linkedBy: Identifier, movedByMerge: readonly Identifier[], survivorId: string, restoredId: string): string {
  const fromRestoredSide = movedByMerge.some((identifier) => identifier.type === linkedBy.type && identifier.value === linkedBy.value);
  return fromRestoredSide ? survivorId : restoredId;
}
