import type { SpendTier } from '@touchpoint/contracts';
import type { JourneyDefinitions } from './definitions/journey-definitions.schema';
import { roundCents } from './currency';
import type { RefundLedger } from './refund-ledger';

export interface TierStanding {
  readonly tier: SpendTier;
  readonly rule: string;
  /** Net spend in the window, in the base currency, rounded to cents. */
  readonly trailingSpend: number;
}

/** A standing and the clocks [from, until) over which it holds: the same orders and refunds are in the window. */
interface TierSpan {
  readonly defs: JourneyDefinitions;
  readonly from: number;
  readonly until: number;
  readonly standing: TierStanding;
}

// Between two order or refund events the standing changes only when one leaves the window, so
// it is computed once per span rather than once per event.
const spans = new WeakMap<RefundLedger, TierSpan>();

export function tierAt(ledger: RefundLedger, clock: number, defs: JourneyDefinitions, windowMs: number): TierStanding {
  const span = spans.get(ledger);
  if (span !== undefined && span.defs === defs && clock >= span.from && clock < span.until) return span.standing;
  const computed = spendTier(ledger, clock, defs, windowMs);
  spans.set(ledger, { defs, ...computed });
  return computed.standing;
}

interface Uncounted {
  orders: number;
  refunds: number;
}

/**
 * Net spend in the window (clock − windowDays, clock]: orders in it, less the refunds linked to
 * them (whenever those came), less refunds of unknown orders made in it. An order at time a
 * leaves the window at exactly a + windowDays.
 */
export function spendTier(ledger: RefundLedger, clock: number, defs: JourneyDefinitions, windowMs: number): Omit<TierSpan, 'defs'> {
  const base = defs.currency.base;
  if (ledger.netOrders.length === 0) {
    const refunded = ledger.fullyRefundedOrders;
    const rule = refunded > 0 ? `prospect: no purchase kept (${plural(refunded, 'order')} fully refunded)` : 'prospect: no purchase yet';
    return { from: Number.NEGATIVE_INFINITY, until: Number.POSITIVE_INFINITY, standing: { tier: 'prospect', rule, trailingSpend: 0 } };
  }

  const windowStart = clock - windowMs;
  const uncounted = new Map<string, Uncounted>();
  const note = (currency: string, kind: keyof Uncounted): void => {
    const counts = uncounted.get(currency) ?? { orders: 0, refunds: 0 };
    counts[kind]++;
    uncounted.set(currency, counts);
  };
  let spend = 0;
  let from = Number.NEGATIVE_INFINITY;
  let until = Number.POSITIVE_INFINITY;
  // Every fact is at or before the clock (it is the largest entry time), so only the window's start moves.
  const inWindow = (at: number): boolean => {
    const leaves = at + windowMs;
    if (at > windowStart) until = Math.min(until, leaves);
    else from = Math.max(from, leaves);
    return at > windowStart && at <= clock;
  };
  for (const { order, fullyRefunded, netBase, unconvertedRefunds } of ledger.orders) {
    if (fullyRefunded || !inWindow(order.at)) continue;
    if (netBase === null) note(order.currency, 'orders');
    else spend += netBase;
    for (const currency of unconvertedRefunds) note(currency, 'refunds');
  }
  for (const { refund, base: refundBase } of ledger.standalone) {
    if (!inWindow(refund.at)) continue;
    if (refundBase === null) note(refund.currency, 'refunds');
    else spend -= refundBase;
  }
  const trailingSpend = Math.max(0, roundCents(spend));

  const { tiers } = defs;
  const tier: SpendTier = trailingSpend >= tiers.top ? 'top' : trailingSpend >= tiers.large ? 'large' : trailingSpend >= tiers.medium ? 'medium' : 'small';
  const bound = tier === 'small' ? `< ${tiers.medium}` : `>= ${tiers[tier]}`;
  const rule = `${tier}: ${trailingSpend.toFixed(2)} ${base} in the last ${defs.tiers.windowDays} days (${bound})${uncountedNote(uncounted)}`;
  return { from, until, standing: { tier, rule, trailingSpend } };
}

function uncountedNote(uncounted: ReadonlyMap<string, Uncounted>): string {
  if (uncounted.size === 0) return '';
  const parts: string[] = [];
  for (const currency of [...uncounted.keys()].sort()) {
    const counts = uncounted.get(currency) ?? { orders: 0, refunds: 0 };
    if (counts.orders > 0) parts.push(`${plural(counts.orders, 'order')} in ${currency}`);
    if (counts.refunds > 0) parts.push(`${plural(counts.refunds, 'refund')} in ${currency}`);
  }
  return ` (${parts.join(', ')} not counted: no rate)`;
}

export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
