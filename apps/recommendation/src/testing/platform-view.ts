import type { RecommendationMessage, RecommendedItem } from '@touchpoint/contracts';

/** What a marketing platform ends up holding for one profile, de-duplicating messages by id as the contract tells it to. */
export interface PlatformView {
  readonly retargeting: string[];
  readonly recommendations: RecommendedItem[];
  readonly audiences: string[];
}

export function platformViewOf(messages: readonly RecommendationMessage[]): PlatformView {
  const seen = new Set<string>();
  const retargeting = new Set<string>();
  const audiences = new Set<string>();
  let recommendations: RecommendedItem[] = [];
  for (const message of messages) {
    if (seen.has(message.id)) continue;
    seen.add(message.id);
    if (message.type === 'retargeting.started') retargeting.add(message.productId);
    else if (message.type === 'retargeting.stopped') retargeting.delete(message.productId);
    else if (message.type === 'recommendations.updated') recommendations = message.items;
    else if (message.type === 'audience.entered') audiences.add(message.audienceId);
    else audiences.delete(message.audienceId);
  }
  return { retargeting: [...retargeting].sort(), recommendations, audiences: [...audiences].sort() };
}
