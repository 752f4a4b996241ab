import type { DecisionView } from '../explorer-api/explorer-api';

export interface SeenDecisionsLimits {
  readonly perProfile: number;
  readonly profiles: number;
}

/**
 * The decisions the explorer saw on the recommendations topic since it started, per profile,
 * for the page to show while recommendation's decisions API is not there. Bounded: the oldest
 * decisions of a profile and the least recently told profiles go first. Not a store of record:
 * a restart starts empty, and the decisions API is what the page prefers.
 */
export class SeenDecisions {
  private readonly byProfile = new Map<string, DecisionView[]>();

  constructor(private readonly limits: SeenDecisionsLimits = { perProfile: 100, profiles: 10_000 }) {}

  add(profileId: string, decision: DecisionView): void {
    const list = this.byProfile.get(profileId) ?? [];
    // Redelivery repeats the id: keep one.
    if (list.some((seen) => seen.id === decision.id)) return;
    list.push(decision);
    if (list.length > this.limits.perProfile) list.splice(0, list.length - this.limits.perProfile);
    // Re-inserting moves the profile to the end of the map's order, so eviction takes the stalest.
    this.byProfile.delete(profileId);
    this.byProfile.set(profileId, list);
    while (this.byProfile.size > this.limits.profiles) {
      const oldest = this.byProfile.keys().next().value;
      if (oldest === undefined) break;
      this.byProfile.delete(oldest);
    }
  }

  of(profileId: string): readonly DecisionView[] {
    return this.byProfile.get(profileId) ?? [];
  }
}
