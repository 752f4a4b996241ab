import type { RecommendationMessage } from '@touchpoint/contracts';
import type { RecommendationState } from '../recommendation-view/recommendation-state';

/** One profile as decided in a transaction: the state to keep and the messages to tell, in order. */
export interface DecidedProfile {
  readonly profileId: string;
  readonly state: RecommendationState;
  readonly messages: readonly RecommendationMessage[];
  /** Set when the profile now lives on in another one. */
  readonly retiredInto: string | null;
  /** When ingest accepted the event behind each message (epoch ms), by message id, where known. */
  readonly acceptedAt: ReadonlyMap<string, number>;
}

/** What platforms were told, as the decisions history keeps it. */
export interface ToldMessage {
  readonly message: RecommendationMessage;
  readonly decidedAt: string;
  /** null while still in the outbox. */
  readonly publishedAt: string | null;
}

export interface StoredProfile {
  /** The profile answering: the survivor when the requested id was merged away. */
  readonly profileId: string;
  readonly state: RecommendationState;
}

/** Port: recommendation's state of record. */
export abstract class RecommendationRecord {
  /**
   * Locks the profiles, hands their states (unknown ones start empty; erased ones are left out)
   * to `decide`, and keeps what it returns with its messages queued for publishing, in one
   * transaction: the state and what it says was told never part.
   */
  abstract update(profileIds: readonly string[], decide: (states: ReadonlyMap<string, RecommendationState>) => readonly DecidedProfile[]): Promise<void>;

  /**
   * Erases the profiles: `withdraw` gives the messages that take back what they were told,
   * queued before everything else of theirs is dropped; their ids are remembered as erased
   * and their state-topic keys queued for tombstones. Erasing twice changes nothing.
   */
  abstract erase(profileIds: readonly string[], deletionId: string, withdraw: (states: ReadonlyMap<string, RecommendationState>) => readonly DecidedProfile[]): Promise<void>;

  /** The profile's state, following merges to the survivor; null when unknown or erased. */
  abstract read(profileId: string): Promise<StoredProfile | null>;

  /** Live profiles (not merged away) with ids after `after`, in id order, at most `limit`: a walk over all of them. */
  abstract liveProfilesAfter(after: string, limit: number): Promise<string[]>;

  /** Profiles whose next expiry is due at `now` (epoch ms), at most `limit`. */
  abstract dueProfiles(now: number, limit: number): Promise<string[]>;

  /** The latest messages told under the profile id, newest first. */
  abstract history(profileId: string, limit: number): Promise<ToldMessage[]>;
}

/** Port: publishes queued messages, then the state-topic records that summarize them. */
export abstract class DecisionOutbox {
  /** Publishes what is queued for the profiles (all profiles when null); the count published. */
  abstract publishPending(profileIds: readonly string[] | null): Promise<number>;
}
