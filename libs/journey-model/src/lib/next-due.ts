import { compiled } from './definitions/compiled-definitions';
import type { JourneyDefinitions } from './definitions/journey-definitions.schema';
import { deriveJourney, type JourneyView } from './derive';
import { diffViews } from './diff';
import type { JourneyState } from './journey-state';
import { refundLedger } from './refund-ledger';

/**
 * The earliest time after the clock at which the view changes with no new event, or null.
 * The view only moves with time when a cart becomes abandoned (cartedAt + abandonAfter), an
 * order or a standalone refund leaves the tier window (at + windowDays) or the customer lapses
 * (last net purchase + afterDays); each such instant is checked by deriving the view there, so
 * an instant that changes nothing (a fully refunded order leaving the window) is skipped.
 * `current` is the view at state.clock when the caller already has it.
 */
export function nextDueAt(state: JourneyState, defs: JourneyDefinitions, current?: JourneyView): number | null {
  const clock = state.clock;
  if (clock === null) return null;
  const rules = compiled(defs);
  const ledger = refundLedger(state, defs);
  const candidates = new Set<number>();
  const consider = (at: number): void => {
    if (at > clock) candidates.add(at);
  };
  for (const facts of Object.values(state.products)) {
    if (facts.unitsInCart > 0 && facts.cartedAt !== null) consider(facts.cartedAt + rules.cartAbandonMs);
  }
  for (const { order, fullyRefunded } of ledger.orders) if (!fullyRefunded) consider(order.at + rules.tierWindowMs);
  for (const { refund } of ledger.standalone) consider(refund.at + rules.tierWindowMs);
  const lastNetPurchase = ledger.netOrders.at(-1);
  if (lastNetPurchase !== undefined) consider(lastNetPurchase.at + rules.lapsedAfterMs);

  const previous = { state, view: current ?? deriveJourney(state, defs) };
  for (const at of [...candidates].sort((a, b) => a - b)) {
    if (diffViews(previous.view, deriveJourney({ ...state, clock: at }, defs, previous)) !== null) return at;
  }
  return null;
}
