import { type FunnelStage, funnelStages } from '@touchpoint/contracts';
import type { JourneyDefinitions } from './definitions/journey-definitions.schema';
import type { JourneyState } from './journey-state';
import type { RefundLedger } from './refund-ledger';
import { plural } from './spend-tier';

export interface StageStanding {
  readonly stage: FunnelStage;
  readonly rule: string;
}

/** True when `minOrders` net orders fall within `withinMs` of each other (orders are by time). */
function hasLoyalRun(orders: readonly { readonly at: number }[], minOrders: number, withinMs: number): boolean {
  for (let i = 0; i + minOrders - 1 < orders.length; i++) {
    if (orders[i + minOrders - 1].at - orders[i].at <= withinMs) return true;
  }
  return false;
}

/**
 * The funnel stage without advocacy: awareness (seen), consideration (viewed or carted a
 * product), action (a net order: fully refunded orders do not count), loyalty (minOrders net
 * orders within withinDays of each other).
 */
function stageBeforeAdvocacy(state: JourneyState, ledger: RefundLedger, defs: JourneyDefinitions, loyaltyWithinMs: number): StageStanding {
  const { minOrders, withinDays } = defs.loyalty;
  const net = ledger.netOrders.length;
  const refunded = ledger.fullyRefundedOrders > 0 ? ` (${plural(ledger.fullyRefundedOrders, 'fully refunded order')} not counted)` : '';
  if (net >= minOrders && hasLoyalRun(ledger.netOrders, minOrders, loyaltyWithinMs)) {
    return { stage: 'loyalty', rule: `loyalty: ${minOrders} orders within ${withinDays} days${refunded}` };
  }
  if (net > 0) {
    const spread = net >= minOrders ? `, no ${minOrders} within ${withinDays} days` : '';
    return { stage: 'action', rule: `action: ${plural(net, 'order')}${spread}${refunded}` };
  }
  const facts = Object.values(state.products);
  if (facts.some((product) => product.viewedAt !== null)) return { stage: 'consideration', rule: `consideration: viewed a product${refunded}` };
  if (facts.some((product) => product.lastAddedAt !== null)) return { stage: 'consideration', rule: `consideration: carted a product${refunded}` };
  return { stage: 'awareness', rule: state.eventCount > 0 ? `awareness: seen${refunded}` : 'awareness: no events yet' };
}

const rank = (stage: FunnelStage): number => funnelStages.indexOf(stage);

/** Advocacy: at least `requiresStage` (judged without advocacy) and a qualifying review, referral or share. */
export function funnelStage(state: JourneyState, ledger: RefundLedger, defs: JourneyDefinitions, loyaltyWithinMs: number): StageStanding {
  const standing = stageBeforeAdvocacy(state, ledger, defs, loyaltyWithinMs);
  const requires = defs.advocacy.requiresStage;
  const advocacy = state.advocacy[0];
  if (advocacy === undefined || rank(standing.stage) < rank(requires)) return standing;
  const act = advocacy.kind === 'review' ? `a review rated ${advocacy.rating}` : `a ${advocacy.kind}`;
  return { stage: 'advocacy', rule: `advocacy: ${requires} and ${act}` };
}
