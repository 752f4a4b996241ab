import type { RecommendationState } from './recommendation-state';
import type { RecommendationView } from './recommendation-view';

/** Port: recommendation's own per-profile state. */
export abstract class RecommendationStateRepository {
  /** null when nothing is kept for the profile. */
  abstract get(profileId: string): Promise<RecommendationState | null>;
  /** The view alone, for reads that need not know what was told. */
  abstract getView(profileId: string): Promise<RecommendationView | null>;
  /** Writes the view and what was told together: both or neither. */
  abstract put(profileId: string, state: RecommendationState): Promise<void>;
  /** Drops everything kept for the profile (its erasure). */
  abstract forget(profileId: string): Promise<void>;
}
