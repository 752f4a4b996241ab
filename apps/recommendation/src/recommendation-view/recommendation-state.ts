import { type Decisions, noDecisions } from '../recommendation-rules/decide';
import type { RetargetingClock } from '../recommendation-rules/retargeting-clock';
import { emptyRecommendationView, type RecommendationView } from './recommendation-view';

/** Everything recommendation keeps per profile: its view of the journey and what platforms were last told. */
export interface RecommendationState {
  readonly view: RecommendationView;
  /** What marketing platforms were last told under this profile id. */
  readonly told: Decisions;
  /** When retargeting of each product started, and which expired; empty when unset. */
  readonly clock?: RetargetingClock;
  /** When the profile must be decided again though nothing happens (an expiry), epoch ms. */
  readonly nextDueAt?: number | null;
}

export const unknownProfileState: RecommendationState = Object.freeze({ view: emptyRecommendationView, told: noDecisions });
