import { type Decisions, noDecisions } from '../recommendation-rules/decide';
import { emptyRecommendationView, type RecommendationView } from './recommendation-view';

/** Everything recommendation keeps per profile: its view of the journey and what platforms were last told. */
export interface RecommendationState {
  readonly view: RecommendationView;
  /** What marketing platforms were last told under this profile id. */
  readonly told: Decisions;
}

export const unknownProfileState: RecommendationState = Object.freeze({ view: emptyRecommendationView, told: noDecisions });
