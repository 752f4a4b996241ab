import type { Decisions } from '../recommendation-rules/decide';

/** Port: what marketing platforms were last told per profile, to tell them only what changed. */
export abstract class PublishedRecommendationsRepository {
  /** Nothing retargeted or recommended when the profile was never told anything. */
  abstract get(profileId: string): Promise<Decisions>;
  abstract put(profileId: string, decisions: Decisions): Promise<void>;
}
