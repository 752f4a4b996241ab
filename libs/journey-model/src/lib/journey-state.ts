import type { Channel, ProductFacts } from '@touchpoint/contracts';

/**
 * A profile's journey as facts that only grow: latest timestamps, and sets keyed by stable
 * ids (orders, refunds). Applying events in any order, or the same event twice, yields the
 * same facts; stage, webshop step and spend tier are derived from them.
 */
export interface JourneyState {
  readonly profileId: string;
  readonly firstSeenAt: number | null;
  readonly lastSeenAt: number | null;
  readonly products: Readonly<Record<string, ProductFacts>>;
  /** order id -> amount and channel; keyed so a re-sent order counts once. */
  readonly orders: Readonly<Record<string, { readonly at: number; readonly amount: number; readonly channel: Channel }>>;
  readonly refunds: Readonly<Record<string, { readonly at: number; readonly amount: number }>>;
  /** channel -> last time the profile was seen there. */
  readonly touchpoints: Readonly<Partial<Record<Channel, number>>>;
  readonly advocacyAt: number | null;
}

export function emptyJourneyState(profileId: string): JourneyState {
  return { profileId, firstSeenAt: null, lastSeenAt: null, products: {}, orders: {}, refunds: {}, touchpoints: {}, advocacyAt: null };
}
