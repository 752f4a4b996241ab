import type { JourneyState, ProductFacts, VisitFact } from './journey-state';

/**
 * Copies of the objects the fold replaces on every event, written out field by field. On the
 * hot path `{ ...object, field }` is several times slower than a literal of fixed shape, and
 * every object of one kind keeps one hidden class, which keeps the readers of it fast too.
 * The copy is fresh, so the fold may set its fields before sharing it.
 */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function copyState(state: JourneyState): Mutable<JourneyState> {
  return {
    profileId: state.profileId,
    versions: state.versions,
    clock: state.clock,
    lastEntry: state.lastEntry,
    eventCount: state.eventCount,
    firstSeenAt: state.firstSeenAt,
    products: state.products,
    orders: state.orders,
    refunds: state.refunds,
    visits: state.visits,
    touchpoints: state.touchpoints,
    consent: state.consent,
    advocacy: state.advocacy,
  };
}

export function copyProductFacts(facts: ProductFacts): Mutable<ProductFacts> {
  return {
    viewedAt: facts.viewedAt,
    lastAddedAt: facts.lastAddedAt,
    unitsInCart: facts.unitsInCart,
    cartedAt: facts.cartedAt,
    unitsBought: facts.unitsBought,
    unitsReturned: facts.unitsReturned,
    lastPurchaseAt: facts.lastPurchaseAt,
    lastPurchaseChannel: facts.lastPurchaseChannel,
    lastPurchaseStoreId: facts.lastPurchaseStoreId,
    lastReturnAt: facts.lastReturnAt,
  };
}

export function copyVisit(visit: VisitFact): Mutable<VisitFact> {
  return { startedAt: visit.startedAt, lastAt: visit.lastAt, channel: visit.channel, step: visit.step, events: visit.events, viewed: visit.viewed };
}
