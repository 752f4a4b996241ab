import type { JourneyState } from '@touchpoint/journey-model';

/** Port: the journey states the journey service keeps (read only here). */
export abstract class JourneyProfiles {
  abstract get(profileId: string): Promise<JourneyState | null>;
}
