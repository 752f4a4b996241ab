import type { JourneyTransition, ProductFacts } from '@touchpoint/contracts';

export function transition(profileId: string, causedByMessageId: string, products: Record<string, ProductFacts>): JourneyTransition {
  return {
    transitionId: `transition:${profileId}:${causedByMessageId}`,
    profileId,
    causedByMessageId,
    occurredAt: '2025-03-01T10:00:00.000Z',
    channel: 'web',
    stage: null,
    products: Object.entries(products).map(([productId, facts]) => ({ productId, facts })),
  };
}
