import type { FunnelStage, RecommendedItem } from '@touchpoint/contracts';

export interface ProfileRecommendationsResponse {
  readonly profileId: string;
  readonly stage: FunnelStage;
  /** Products to retarget, sorted. */
  readonly retargeting: readonly string[];
  /** Ranked; `name` is the catalog name, null for products the catalog does not know. */
  readonly recommendations: readonly (RecommendedItem & { readonly name: string | null })[];
}
