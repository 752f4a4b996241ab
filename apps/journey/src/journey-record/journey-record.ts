import type { JourneyTransitionV2, ProfilesMerged, ProfilesUnmerged } from '@touchpoint/contracts';
import type { JourneyEntry } from '@touchpoint/journey-model';
import type { JourneyDocument, JourneyLookup } from './journey-document';
import type { TimelineQuery, TimelineResult } from './timeline';

/** One entry for the log of the profile it was addressed to (a retired id is redirected to its survivor). */
export interface IncomingEntry {
  readonly profileId: string;
  readonly entry: JourneyEntry;
  /** Timer ticks only: the due time the timer was read with; a tick for a due time that moved since is dropped. */
  readonly dueAt?: number;
}

/** A profile saved at a revision. */
export interface SavedRevision {
  readonly profileId: string;
  readonly revision: number;
}

/** What one transaction changed: transitions to publish (already in the outbox) and the revisions saved, for the read cache. */
export interface RecordedChange {
  readonly transitions: readonly JourneyTransitionV2[];
  readonly saved: readonly SavedRevision[];
  /** Ids no longer holding a journey (retired or erased): their cached documents go. */
  readonly gone: readonly string[];
  /** Profiles whose outbox this change wrote to. */
  readonly profileIds: readonly string[];
}

export const noChange: RecordedChange = { transitions: [], saved: [], gone: [], profileIds: [] };

export interface DueTimer {
  readonly profileId: string;
  readonly dueAt: number;
}

/**
 * Port: the journey state of record. Every method is one transaction: the entries, the folded
 * state and the transitions it caused are written together or not at all, and each is
 * idempotent, so a redelivered batch or merge changes nothing and publishes nothing new.
 */
export abstract class JourneyRecord {
  /** Appends entries (the preferred copy of each messageId) and re-folds the profiles they touch. */
  abstract apply(entries: readonly IncomingEntry[]): Promise<RecordedChange>;
  /** Retires the merged ids into the final survivor, moves their logs there and re-folds it. */
  abstract merge(merge: ProfilesMerged): Promise<RecordedChange>;
  /**
   * Splits a merge: the restored id lives again, the entries that arrived under its side go back
   * to it, and both profiles are re-folded from their logs. Once per unmerge; a merge that
   * arrives after its unmerge is ignored.
   */
  abstract unmerge(unmerge: ProfilesUnmerged): Promise<RecordedChange>;
  /** Erases every trace of the profiles (GDPR), including ids retired into them. */
  abstract erase(profileIds: readonly string[]): Promise<RecordedChange>;
  /** Re-folds profiles from their logs with the current reducer and definitions; null: every profile. */
  abstract refold(profileIds: readonly string[] | null, limit: number): Promise<RecordedChange>;
  abstract dueTimers(now: number, limit: number): Promise<DueTimer[]>;
  abstract read(profileId: string): Promise<JourneyLookup>;
  abstract timeline(query: TimelineQuery): Promise<TimelineResult>;
}

/** Port: publishes committed transitions not yet on the topic, in commit order per profile. */
export abstract class TransitionOutbox {
  /** Publishes what is pending for these profiles (null: for all, oldest first); resolves with how many. */
  abstract publishPending(profileIds: readonly string[] | null): Promise<number>;
}

/** Port: the read cache of journey documents. It may lose anything at any time; nothing but reads depends on it. */
export abstract class JourneyCache {
  abstract get(profileId: string): Promise<JourneyDocument | null>;
  /** Keeps the document unless the cache holds a newer revision of it. */
  abstract put(documents: readonly JourneyDocument[]): Promise<void>;
  /**
   * Marks the profiles as changed at these revisions: reads miss until one of them caches the
   * new document, and no read that began earlier can cache an older one.
   */
  abstract invalidate(revisions: readonly SavedRevision[]): Promise<void>;
  abstract delete(profileIds: readonly string[]): Promise<void>;
}
