import type { JourneyDefinitions } from './definitions/journey-definitions.schema';
import { toBase } from './currency';
import type { JourneyState, OrderFact, RefundFact } from './journey-state';

/** An order after the refunds linked to it. */
export interface OrderStanding {
  readonly order: OrderFact;
  /** A lineless refund, every unit returned, or the whole amount refunded. */
  readonly fullyRefunded: boolean;
  /** In the base currency; null when the order's currency has no rate. */
  readonly netBase: number | null;
  /** Currencies of linked refunds that have no rate, one per refund: they could not be subtracted. */
  readonly unconvertedRefunds: readonly string[];
}

export interface StandaloneRefund {
  readonly refund: RefundFact;
  /** null when the refund's currency has no rate. */
  readonly base: number | null;
}

/**
 * Orders and refunds linked up: everything about them that does not depend on the clock.
 * Linking happens here, when deriving, not in the fold, so a refund that sorts before its
 * order (a return whose sale arrives later, with an earlier time) still finds it.
 */
export interface RefundLedger {
  /** Fold order: by time. */
  readonly orders: readonly OrderStanding[];
  /** Orders not fully refunded, by time. */
  readonly netOrders: readonly OrderFact[];
  readonly fullyRefundedOrders: number;
  /** Refunds whose order is unknown, or that name none. */
  readonly standalone: readonly StandaloneRefund[];
  /** Units returned by lineless refunds (the whole linked order), per product, with the latest such refund. */
  readonly linelessReturns: ReadonlyMap<string, { readonly units: number; readonly at: number }>;
}

interface Links {
  readonly lined: RefundFact[];
  readonly lineless: RefundFact[];
}

/** Which of the orders carrying the refund's order id it refunds: same channel and store, else the latest before it, else the earliest. */
function linkedOrder(refund: RefundFact, candidates: readonly OrderFact[]): OrderFact {
  const sameTill = candidates.find((order) => order.channel === refund.channel && order.storeId === refund.storeId);
  if (sameTill !== undefined) return sameTill;
  let latestBefore: OrderFact | undefined;
  for (const order of candidates) if (order.at <= refund.at) latestBefore = order;
  return latestBefore ?? candidates[0];
}

function unitsByProduct(lines: readonly { readonly productId: string; readonly quantity: number }[], into = new Map<string, number>()): Map<string, number> {
  for (const line of lines) into.set(line.productId, (into.get(line.productId) ?? 0) + line.quantity);
  return into;
}

function standingOf(order: OrderFact, links: Links | undefined, defs: JourneyDefinitions, linelessReturns: Map<string, { units: number; at: number }>): OrderStanding {
  const orderBase = toBase(order.amount, order.currency, defs);
  if (links === undefined) return { order, fullyRefunded: false, netBase: orderBase, unconvertedRefunds: [] };

  const ordered = unitsByProduct(order.lines);
  const returned = new Map<string, number>();
  const unconvertedRefunds: string[] = [];
  let refundedBase = 0;
  let refundedSameCurrency = 0;
  for (const refund of links.lined) {
    unitsByProduct(refund.lines, returned);
    const base = toBase(refund.amount, refund.currency, defs);
    if (base === null) unconvertedRefunds.push(refund.currency);
    else refundedBase += base;
    if (refund.currency === order.currency) refundedSameCurrency += refund.amount;
  }

  if (links.lineless.length > 0) {
    const at = links.lineless[links.lineless.length - 1].at;
    for (const [productId, units] of ordered) {
      const remaining = units - (returned.get(productId) ?? 0);
      if (remaining <= 0) continue;
      const seen = linelessReturns.get(productId);
      linelessReturns.set(productId, { units: (seen?.units ?? 0) + remaining, at: Math.max(seen?.at ?? at, at) });
    }
    return { order, fullyRefunded: true, netBase: orderBase === null ? null : 0, unconvertedRefunds: [] };
  }

  const everyUnitReturned = ordered.size > 0 && [...ordered].every(([productId, units]) => (returned.get(productId) ?? 0) >= units);
  const wholeAmount = order.lines.length === 0 && order.amount > 0 && (refundedSameCurrency >= order.amount || (orderBase !== null && refundedBase >= orderBase));
  const fullyRefunded = everyUnitReturned || wholeAmount;
  const netBase = orderBase === null ? null : fullyRefunded ? 0 : Math.max(0, orderBase - refundedBase);
  return { order, fullyRefunded, netBase, unconvertedRefunds };
}

function buildLedger(state: JourneyState, defs: JourneyDefinitions): RefundLedger {
  const orders = Object.values(state.orders);
  const byOrderId = new Map<string, OrderFact[]>();
  for (const order of orders) {
    if (order.orderId === null) continue;
    const same = byOrderId.get(order.orderId);
    if (same === undefined) byOrderId.set(order.orderId, [order]);
    else same.push(order);
  }

  const links = new Map<string, Links>();
  const standalone: StandaloneRefund[] = [];
  for (const refund of state.refunds) {
    const candidates = refund.linkOrderId === null ? undefined : byOrderId.get(refund.linkOrderId);
    if (candidates === undefined) {
      standalone.push({ refund, base: toBase(refund.amount, refund.currency, defs) });
      continue;
    }
    const key = linkedOrder(refund, candidates).key;
    const linked = links.get(key) ?? { lined: [], lineless: [] };
    (refund.lines.length > 0 ? linked.lined : linked.lineless).push(refund);
    links.set(key, linked);
  }

  const linelessReturns = new Map<string, { units: number; at: number }>();
  const standings = orders.map((order) => standingOf(order, links.get(order.key), defs, linelessReturns));
  const netOrders = standings.filter((standing) => !standing.fullyRefunded).map((standing) => standing.order);
  return { orders: standings, netOrders, fullyRefundedOrders: standings.length - netOrders.length, standalone, linelessReturns };
}

// The ledger changes only when orders or refunds do: states share those objects between events, so it is computed once per change.
const memo = new WeakMap<JourneyState['orders'], WeakMap<JourneyState['refunds'], { readonly defs: JourneyDefinitions; readonly ledger: RefundLedger }>>();

export function refundLedger(state: JourneyState, defs: JourneyDefinitions): RefundLedger {
  let byRefunds = memo.get(state.orders);
  if (byRefunds === undefined) {
    byRefunds = new WeakMap();
    memo.set(state.orders, byRefunds);
  }
  const cached = byRefunds.get(state.refunds);
  if (cached !== undefined && cached.defs === defs) return cached.ledger;
  const ledger = buildLedger(state, defs);
  byRefunds.set(state.refunds, { defs, ledger });
  return ledger;
}
