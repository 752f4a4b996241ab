import type { RecommendationMessage } from '@touchpoint/contracts';

/** Port: sends messages to marketing platforms, in order, resolving once the broker has them all. */
export abstract class RecommendationPublisher {
  abstract publish(messages: readonly RecommendationMessage[], traceId?: string): Promise<void>;
}
