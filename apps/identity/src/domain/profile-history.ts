import type { Identifier, IdentifierType } from '@touchpoint/contracts';
import type { MergeRecord } from './identity-graph';

/** A merge the rules refused, as recorded in merge_refusals. */
export interface RefusalRecord {
  readonly refusalId: string;
  /** Where the event went. */
  readonly profileId: string;
  /** The linked profile kept apart; null when a new identifier of the event was not attached. */
  readonly refusedProfileId: string | null;
  /** max_per_profile, shared_identifier or blocked_link. */
  readonly reason: string;
  /** max_per_profile only: the limited type and its maximum. */
  readonly limitType: IdentifierType | null;
  readonly maxPerProfile: number | null;
  readonly linkedBy: Identifier;
  readonly identifiers: readonly Identifier[];
  readonly causedByMessageId: string;
  readonly refusedAt: Date;
}

/** A merge undone, as recorded in unmerges. */
export interface UnmergeRecord {
  readonly unmergeId: string;
  readonly mergeId: string;
  readonly survivorProfileId: string;
  readonly restoredProfileId: string;
  readonly restoredMergedProfileIds: readonly string[];
  /** The identifiers that went back to the restored profile. */
  readonly restoredIdentifiers: readonly Identifier[];
  /** The identifier that made the wrong link. */
  readonly linkedBy: Identifier;
  readonly causedByMessageId: string;
  /** Where the event that made the merge belongs now. */
  readonly causedByProfileId: string;
  readonly requestedBy: string;
  readonly unmergedAt: Date;
}

/** Two profiles an unmerge keeps apart: no event links them again. */
export interface BlockedLinkRecord {
  readonly unmergeId: string;
  readonly profileIds: readonly [string, string];
  readonly linkedBy: Identifier;
  readonly blockedAt: Date;
}

/** An identifier the sharing guards marked: it links no profiles any more. */
export interface SharedIdentifierRecord {
  readonly identifier: Identifier;
  /** device or card. */
  readonly guard: string;
  /** The account type it showed too many of, how many, and the maximum. */
  readonly countedType: IdentifierType;
  readonly distinctCount: number;
  readonly maxAllowed: number;
  readonly causedByMessageId: string;
  readonly markedAt: Date;
}

export interface ProfileHistoryView {
  readonly profileId: string;
  readonly status: 'active' | 'merged' | 'deleted';
  readonly mergedInto: string | null;
  /** Merges the profile took part in, as survivor or as merged profile, oldest first; `linkedBy` is the identifier that caused each. */
  readonly merges: readonly (MergeRecord & { readonly unmergeId: string | null })[];
  /** Unmerges of those merges, oldest first. */
  readonly unmerges: readonly UnmergeRecord[];
  /** Links of the profile that unmerges block. */
  readonly blockedLinks: readonly BlockedLinkRecord[];
  /** Refusals where the profile received the event or was kept apart, oldest first. */
  readonly refusals: readonly RefusalRecord[];
}

export interface RefusalsQuery {
  readonly reason: string | null;
  /** Only refusals strictly older than this, for paging back; null: the newest. */
  readonly before: Date | null;
  readonly limit: number;
}

export interface RefusalsView {
  /** Newest first. */
  readonly refusals: readonly RefusalRecord[];
  /** Every identifier marked shared, newest first. */
  readonly sharedIdentifiers: readonly SharedIdentifierRecord[];
}

/** The merge log, unmerges and refusals of a profile, and the refusals of all. */
export abstract class ProfileHistory {
  /** null when no profile ever had this id. */
  abstract historyOf(profileId: string): Promise<ProfileHistoryView | null>;
  abstract refusals(query: RefusalsQuery): Promise<RefusalsView>;
}
