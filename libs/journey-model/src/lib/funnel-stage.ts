import { type FunnelStage, funnelStages } from '@touchpoint/contracts';
import type { JourneyDefinitions } from './definitions/journey-definitions.schema';
import type { AdvocacyFact } from './journey-state';
import type { RefundLedger } from './refund-ledger';
import { plural } from './spend-tier';

/** What the profile showed short of buying. */
export interface Interest {
  /** Any event at all. */
  readonly seen: boolean;
  /** Any product viewed. */
  readonly viewed: boolean;
  /** Any product ever added to the cart. */
  readonly carted: boolean;
}

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
function stageBeforeAdvocacy(interest: Interest, ledger: RefundLedger, defs: JourneyDefinitions, loyaltyWithinMs: number): StageStanding {
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
  if (interest.viewed) return { stage: 'consideration', rule: `consideration: viewed a product${refunded}` };
  if (interest.carted) return { stage: 'consideration', rule: `consideration: carted a product${refunded}` };
  return { stage: 'awareness', rule: interest.seen ? `awareness: seen${refunded}` : 'awareness: no events yet' };
}

const rank = (stage: FunnelStage): number => funnelStages.indexOf(stage);

interface StageMemo {
  readonly defs: JourneyDefinitions;
  readonly interest: Interest;
  readonly advocacy: readonly AdvocacyFact[];
  readonly standing: StageStanding;
}

// The stage changes only with orders and refunds (a new ledger), interest or advocacy: it is
// kept per ledger, so deriving after a page view rebuilds no rule text.
const stages = new WeakMap<RefundLedger, StageMemo>();

/** funnelStage, remembered per ledger while interest and advocacy stay the same. */
export function stageAt(interest: Interest, advocacy: readonly AdvocacyFact[], ledger: RefundLedger, defs: JourneyDefinitions, loyaltyWithinMs: number): StageStanding {
  const memo = stages.get(ledger);
  if (
    memo !== undefined &&
    memo.defs === defs &&
    memo.advocacy === advocacy &&
    memo.interest.seen === interest.seen &&
    memo.interest.viewed === interest.viewed &&
    memo.interest.carted === interest.carted
  ) {
    return memo.standing;
  }
  const standing = funnelStage(interest, advocacy, ledger, defs, loyaltyWithinMs);
  stages.set(ledger, { defs, interest, advocacy, standing });
  return standing;
}

/** Advocacy: at least `requiresStage` (judged without advocacy) and a qualifying review, referral or share. */
export function funnelStage(interest: Interest, advocacyFacts: readonly AdvocacyFact[], ledger: RefundLedger, defs: JourneyDefinitions, loyaltyWithinMs: number): StageStanding {
  const standing = stageBeforeAdvocacy(interest, ledger, defs, loyaltyWithinMs);
  const requires = defs.advocacy.requiresStage;
  const advocacy = advocacyFacts[0];
  if (advocacy === undefined || rank(standing.stage) < rank(requires)) return standing;
  const act = advocacy.kind === 'review' ? `a review rated ${advocacy.rating}` : `a ${advocacy.kind}`;
  return { stage: 'advocacy', rule: `advocacy: ${requires} and ${act}` };
}
