import type { JourneyTransitionV2 } from '@touchpoint/contracts';
import { SeedCatalog } from '../catalog/seed-catalog';
import { decide, type Decisions, noDecisions } from '../recommendation-rules/decide';
import { applyToView, emptyRecommendationView, factsOf } from '../recommendation-view/recommendation-view';
import { boughtInStore, boughtOnline, carted, returned, status, summary } from './journey-view';
import { changed } from './transitions';

/**
 * A seeded stream of plausible journeys for many profiles: carts, purchases in either channel,
 * returns, views, audience moves, consent. Round `round` gives each profile its next transition.
 */
export function shopperRound(profileIds: readonly string[], round: number): JourneyTransitionV2[] {
  const products = ['jacket-42', 'boots-11', 'socks-2'];
  return profileIds.map((profileId, i) => {
    const product = products[(i + round) % products.length];
    const at = new Date(Date.UTC(2025, 2, 1, 10, round)).toISOString();
    const pick = (i * 7 + round * 3) % 6;
    const statusOf =
      pick === 0 ? carted() : pick === 1 ? boughtInStore(at) : pick === 2 ? boughtOnline(at) : pick === 3 ? returned(boughtOnline(at), at) : pick === 4 ? status({ viewed: true }) : carted(2);
    return changed(profileId, `m-${profileId.slice(0, 8)}-${round}`, { [product]: statusOf }, {
      revision: round + 1,
      occurredAt: at,
      summary: summary({ audiences: pick % 2 === 0 ? ['cart_abandoner'] : ['stage:action'], advertising: (i + round) % 11 === 0 ? false : null }),
    });
  });
}

/** What a profile's decisions must end as, from its transitions, with the service's own pure rules. */
export function expectedDecisions(transitions: readonly JourneyTransitionV2[]): Decisions {
  const view = transitions.reduce(applyToView, emptyRecommendationView);
  const { retiredInto, facts } = factsOf(view);
  return retiredInto === null ? decide(facts, new SeedCatalog()) : noDecisions;
}
