import type { RecommendationMessage } from '@touchpoint/contracts';
import { RecommendationPublisher } from '../apply-transition/recommendation.publisher';
import type { RecommendationState } from '../recommendation-view/recommendation-state';
import { RecommendationStateRepository } from '../recommendation-view/recommendation-state.repository';
import type { RecommendationView } from '../recommendation-view/recommendation-view';

export class InMemoryRecommendationStates extends RecommendationStateRepository {
  readonly states = new Map<string, RecommendationState>();

  async get(profileId: string): Promise<RecommendationState | null> {
    return this.states.get(profileId) ?? null;
  }

  async getView(profileId: string): Promise<RecommendationView | null> {
    return this.states.get(profileId)?.view ?? null;
  }

  async put(profileId: string, state: RecommendationState): Promise<void> {
    this.states.set(profileId, state);
  }

  async forget(profileId: string): Promise<void> {
    this.states.delete(profileId);
  }
}

export class RecordingRecommendationPublisher extends RecommendationPublisher {
  readonly sent: RecommendationMessage[] = [];
  /** Set to make the next publish fail, as a broker outage would. */
  failNext: Error | null = null;

  async publish(messages: readonly RecommendationMessage[]): Promise<void> {
    const failure = this.failNext;
    this.failNext = null;
    if (failure) throw failure;
    this.sent.push(...messages);
  }
}
