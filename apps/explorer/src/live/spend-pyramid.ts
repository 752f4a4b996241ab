/** The audience prefix journey gives spend tiers ("tier:small"). */
const TIER_AUDIENCE = 'tier:';

/**
 * How many customers stand on each spend tier, folded from recommendation's compacted state
 * topic, which holds every profile's current audiences: the latest state per profile counts,
 * a merged-away or erased profile (empty audiences, a tombstone) drops out.
 */
export class SpendPyramid {
  private readonly tierOf = new Map<string, string>();

  /** null: the profile is gone (tombstone). */
  apply(profileId: string, audiences: readonly string[] | null): void {
    const tier = audiences?.find((audience) => audience.startsWith(TIER_AUDIENCE))?.slice(TIER_AUDIENCE.length);
    if (tier === undefined) this.tierOf.delete(profileId);
    else this.tierOf.set(profileId, tier);
  }

  /** Profiles per tier, in the given order (bottom first); tiers nobody stands on count 0. */
  counts(tiers: readonly string[]): { readonly tier: string; readonly profiles: number }[] {
    const counts = new Map<string, number>(tiers.map((tier) => [tier, 0]));
    for (const tier of this.tierOf.values()) counts.set(tier, (counts.get(tier) ?? 0) + 1);
    return [...counts].map(([tier, profiles]) => ({ tier, profiles }));
  }
}
