import type { FunnelStage } from '@touchpoint/contracts';
import type { JourneyState } from './journey-state';
import { productStatus } from './product-status';

export const webshopSteps = ['arrive', 'look', 'evaluate', 'choose', 'buy'] as const;
export type WebshopStep = (typeof webshopSteps)[number];

export const spendTiers = ['none', 'bronze', 'silver', 'gold'] as const;
export type SpendTier = (typeof spendTiers)[number];

/** Net spend (orders minus refunds) at which each tier starts. */
const TIER_THRESHOLDS: readonly [SpendTier, number][] = [
  ['gold', 1000],
  ['silver', 250],
  ['bronze', 0.01],
];

export function netSpend(state: JourneyState): number {
  const ordered = Object.values(state.orders).reduce((sum, order) => sum + order.amount, 0);
  const refunded = Object.values(state.refunds).reduce((sum, refund) => sum + refund.amount, 0);
  return Math.max(0, Math.round((ordered - refunded) * 100) / 100);
}

export function spendTier(state: JourneyState): SpendTier {
  const spend = netSpend(state);
  return TIER_THRESHOLDS.find(([, threshold]) => spend >= threshold)?.[0] ?? 'none';
}

/**
 * Funnel stage: awareness once seen, consideration once a product was looked at, action
 * after the first purchase, loyalty from the second order on, advocacy when a loyal
 * customer reviews, shares or refers.
 */
export function funnelStage(state: JourneyState): FunnelStage {
  const orderCount = Object.keys(state.orders).length;
  if (orderCount >= 2 && state.advocacyAt !== null) return 'advocacy';
  if (orderCount >= 2) return 'loyalty';
  if (orderCount >= 1) return 'action';
  const products = Object.values(state.products).map(productStatus);
  if (products.some((p) => p.viewed || p.inCart)) return 'consideration';
  return 'awareness';
}

/** The furthest webshop step reached: arrive, look (viewed), evaluate (compared two or more), choose (carted), buy. */
export function webshopStep(state: JourneyState): WebshopStep | null {
  if (state.firstSeenAt === null) return null;
  const facts = Object.values(state.products);
  if (Object.values(state.orders).some((order) => order.channel !== 'store')) return 'buy';
  if (facts.some((f) => f.cartedAt !== null)) return 'choose';
  const viewed = facts.filter((f) => f.viewedAt !== null).length;
  if (viewed >= 2) return 'evaluate';
  if (viewed === 1) return 'look';
  return 'arrive';
}
