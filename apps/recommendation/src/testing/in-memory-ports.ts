import type { RecommendationMessage } from '@touchpoint/contracts';
import type { JourneyState } from '@touchpoint/journey-model';
import { JourneyProfiles } from '../profiles/journey-profiles';
import { PublishedRecommendationsRepository } from '../apply-transition/published-recommendations.repository';
import { RecommendationPublisher } from '../apply-transition/recommendation.publisher';
import type { Decisions } from '../recommendation-rules/decide';

export class InMemoryJourneyProfiles extends JourneyProfiles {
  readonly states = new Map<string, JourneyState>();

  async get(profileId: string): Promise<JourneyState | null> {
    return this.states.get(profileId) ?? null;
  }
}

export class InMemoryPublishedRecommendations extends PublishedRecommendationsRepository {
  readonly told = new Map<string, Decisions>();

  async get(profileId: string): Promise<Decisions> {
    return this.told.get(profileId) ?? { retargeting: [], recommendations: [] };
  }

  async put(profileId: string, decisions: Decisions): Promise<void> {
    this.told.set(profileId, decisions);
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
