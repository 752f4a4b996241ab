import type { JourneyState } from '@touchpoint/journey-model';

export interface StoredJourney {
  readonly state: JourneyState;
  /** Opaque version of what was read; a conditional save succeeds only over it. */
  readonly revision: string;
}

/** Port: where journey states live between events. */
export abstract class JourneyStateRepository {
  abstract read(profileId: string): Promise<StoredJourney | null>;
  /** Saves `state` unless someone saved its profile since `revision` was read (null: since nothing was stored). */
  abstract saveIfUnchanged(state: JourneyState, revision: string | null): Promise<boolean>;
  abstract delete(profileId: string): Promise<void>;
}
