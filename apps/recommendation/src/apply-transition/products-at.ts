import type { JourneyTransition, ProductFacts } from '@touchpoint/contracts';
import type { JourneyState } from '@touchpoint/journey-model';

/**
 * The profile's products as of a transition: the cached journey for every product, with the
 * products the transition is about taken from the transition itself. Journey publishes a
 * transition before it saves the state, so the cache may not have it yet; and when the
 * cache is ahead, the transition's own facts keep its decisions about its own products.
 */
export function productsAt(cached: JourneyState | null, transition: JourneyTransition): Record<string, ProductFacts> {
  const products: Record<string, ProductFacts> = { ...cached?.products };
  for (const { productId, facts } of transition.products) products[productId] = facts;
  return products;
}
