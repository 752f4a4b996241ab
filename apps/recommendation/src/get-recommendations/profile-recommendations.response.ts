import type { FunnelStage, RecommendedItem } from '@touchpoint/contracts';

export interface ProfileRecommendationsResponse {
  /** The profile answering: the survivor when the requested id was merged away. */
  readonly profileId: string;
  readonly requestedProfileId: string;
  readonly stage: FunnelStage | null;
  /** Products to retarget, sorted. */
  readonly retargeting: readonly string[];
  /** Ranked; `name` is the catalog name, null for products the catalog does not know. */
  readonly recommendations: readonly (RecommendedItem & { readonly name: string | null })[];
  readonly audiences: readonly string[];
}
