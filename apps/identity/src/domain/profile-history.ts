import type { Identifier, IdentifierType } from '@touchpoint/contracts';
import type { MergeRecord } from './identity-graph';

/** A merge the rules refused, as recorded in merge_refusals. */
export interface RefusalRecord {
  readonly refusalId: string;
  /** Where the event went. */
  readonly profileId: string;
  /** The linked profile kept apart; null when a new identifier of the event was not attached. */
  readonly refusedProfileId: string | null;
  readonly reason: string;
  readonly limitType: IdentifierType;
  readonly maxPerProfile: number;
  readonly linkedBy: Identifier;
  readonly identifiers: readonly Identifier[];
  readonly causedByMessageId: string;
  readonly refusedAt: Date;
}

export interface ProfileHistoryView {
  readonly profileId: string;
  readonly status: 'active' | 'merged' | 'deleted';
  readonly mergedInto: string | null;
  /** Merges the profile took part in, as survivor or as merged profile, oldest first. */
  readonly merges: readonly MergeRecord[];
  /** Refusals where the profile received the event or was kept apart, oldest first. */
  readonly refusals: readonly RefusalRecord[];
}

/** The merge log and refusals of a profile. */
export abstract class ProfileHistory {
  /** null when no profile ever had this id. */
  abstract historyOf(profileId: string): Promise<ProfileHistoryView | null>;
}
