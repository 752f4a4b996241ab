import type { Identifier, IdentifierType } from '@touchpoint/contracts';
import type { RefusedMerge } from './resolution-plan';

export interface ResolveRequest {
  readonly messageId: string;
  /** Normalized, de-duplicated, at least one. */
  readonly identifiers: readonly Identifier[];
  /** When the event happened; moves first/last seen of its identifiers. */
  readonly seenAt: Date;
  /** When ingest received it, and the erasure keys of its identifiers: an erasure since then refuses it. */
  readonly receivedAt: Date;
  readonly erasureKeys: readonly string[];
}

/** One profile folded into another, as recorded in the merge log. */
export interface MergeRecord {
  readonly mergeId: string;
  readonly survivorProfileId: string;
  readonly mergedProfileId: string;
  readonly reason: IdentifierType;
  readonly linkedBy: Identifier;
  readonly mergedAt: Date;
  readonly causedByMessageId: string;
}

export interface Resolution {
  readonly profileId: string;
  /** Every identifier of the profile after this event, sorted by type and value. */
  readonly identifiers: readonly Identifier[];
  /**
   * Merges this message caused, including those recorded by an earlier delivery of it: a
   * crash between commit and publish must not lose the announcement.
   */
  readonly merges: readonly MergeRecord[];
  readonly refused: readonly RefusedMerge[];
  /**
   * Where identifiers of the event point now, for the cache: every one whose entry may have
   * changed. Empty when the event only touched identifiers already on its one profile.
   */
  readonly assignments: readonly { readonly identifier: Identifier; readonly profileId: string }[];
  /** Identifiers that moved to another profile in this resolution. */
  readonly moved: readonly Identifier[];
}

export type ProfileIdentifiers =
  | { readonly status: 'active'; readonly profileId: string; readonly identifiers: readonly Identifier[] }
  | { readonly status: 'merged'; readonly profileId: string; readonly mergedInto: string };

/**
 * The identity graph: which identifiers belong to which profile. Implementations must stay
 * correct with several resolver instances writing at once.
 */
export abstract class IdentityGraph {
  /**
   * Assigns the event to a profile, creating, attaching and merging as needed, atomically.
   * Throws ErasedIdentifierError when an erasure covering the event committed meanwhile.
   */
  abstract resolve(request: ResolveRequest): Promise<Resolution>;
  abstract findProfileId(identifier: Identifier): Promise<string | null>;
  /** null when no profile ever had this id. */
  abstract identifiersOf(profileId: string): Promise<ProfileIdentifiers | null>;
}
