import type { Channel } from '@touchpoint/contracts';
import { earlier, later, mergeProductFacts, newerRecord } from './facts';
import type { JourneyState } from './journey-state';

function unionBy<T>(a: Readonly<Record<string, T>>, b: Readonly<Record<string, T>>, pick: (x: T, y: T) => T): Record<string, T> {
  const out: Record<string, T> = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = key in out ? pick(out[key], value) : value;
  return out;
}

/**
 * Joins the journey of a merged profile into its survivor. Commutative and idempotent like
 * the reducer, so a merge announced twice, or before some of the merged profile's events
 * were applied, still converges.
 */
export function mergeStates(survivor: JourneyState, merged: JourneyState): JourneyState {
  const touchpoints: Partial<Record<Channel, number>> = { ...survivor.touchpoints };
  for (const [channel, at] of Object.entries(merged.touchpoints) as [Channel, number][]) {
    touchpoints[channel] = later(touchpoints[channel] ?? null, at) ?? at;
  }
  const products: Record<string, ReturnType<typeof mergeProductFacts>> = { ...survivor.products };
  for (const [productId, facts] of Object.entries(merged.products)) products[productId] = mergeProductFacts(products[productId], facts);
  return {
    profileId: survivor.profileId,
    firstSeenAt: earlier(survivor.firstSeenAt, merged.firstSeenAt),
    lastSeenAt: later(survivor.lastSeenAt, merged.lastSeenAt),
    products,
    orders: unionBy(survivor.orders, merged.orders, newerRecord),
    refunds: unionBy(survivor.refunds, merged.refunds, newerRecord),
    touchpoints,
    advocacyAt: later(survivor.advocacyAt, merged.advocacyAt),
  };
}
