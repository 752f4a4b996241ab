import type { ConsentState, JourneySummary, ProductStatus } from '@touchpoint/contracts';
import { compiled } from './definitions/compiled-definitions';
import type { JourneyDefinitions } from './definitions/journey-definitions.schema';
import { funnelStage } from './funnel-stage';
import type { ConsentStatement, JourneyState, ProductFacts } from './journey-state';
import { defineValue } from './plain-records';
import { refundLedger } from './refund-ledger';
import { spendTier } from './spend-tier';

/** What consumers decide on: the profile-wide summary and each product's status. */
export interface JourneyView {
  readonly summary: JourneySummary;
  readonly products: Readonly<Record<string, ProductStatus>>;
}

const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());

function consentOf(statement: ConsentStatement | null): ConsentState {
  return statement === null ? { granted: null, at: null } : { granted: statement.granted, at: iso(statement.at) };
}

function productStatus(facts: ProductFacts, lineless: { readonly units: number; readonly at: number } | undefined, clock: number, abandonMs: number): ProductStatus {
  const unitsReturned = facts.unitsReturned + (lineless?.units ?? 0);
  const lastReturnAt = lineless === undefined ? facts.lastReturnAt : Math.max(facts.lastReturnAt ?? lineless.at, lineless.at);
  return {
    viewed: facts.viewedAt !== null,
    unitsInCart: facts.unitsInCart,
    cartAbandoned: facts.unitsInCart > 0 && facts.cartedAt !== null && clock >= facts.cartedAt + abandonMs,
    unitsBought: facts.unitsBought,
    unitsReturned,
    unitsOwned: Math.max(0, facts.unitsBought - unitsReturned),
    lastPurchaseChannel: facts.lastPurchaseChannel,
    lastPurchaseStoreId: facts.lastPurchaseStoreId,
    lastPurchaseAt: iso(facts.lastPurchaseAt),
    lastReturnAt: iso(lastReturnAt),
  };
}

/** The journey as consumers see it, everything evaluated at state.clock (never the wall clock). */
export function deriveJourney(state: JourneyState, defs: JourneyDefinitions): JourneyView {
  const rules = compiled(defs);
  // Before any entry nothing is time-dependent yet; -Infinity keeps every "clock >= due" false.
  const clock = state.clock ?? Number.NEGATIVE_INFINITY;
  const ledger = refundLedger(state, defs);

  const products: Record<string, ProductStatus> = {};
  let cartAbandoner = false;
  for (const [productId, facts] of Object.entries(state.products)) {
    const status = productStatus(facts, ledger.linelessReturns.get(productId), clock, rules.cartAbandonMs);
    if (status.cartAbandoned) cartAbandoner = true;
    defineValue(products, productId, status);
  }

  const stage = funnelStage(state, ledger, defs, rules.loyaltyWithinMs);
  const tier = spendTier(ledger, clock, defs, rules.tierWindowMs);
  const lastNetPurchase = ledger.netOrders.length > 0 ? ledger.netOrders[ledger.netOrders.length - 1].at : null;
  const lapsed = lastNetPurchase !== null && clock >= lastNetPurchase + rules.lapsedAfterMs;

  const audiences = [`stage:${stage.stage}`, `tier:${tier.tier}`];
  if (cartAbandoner) audiences.push('cart_abandoner');
  if (lapsed) audiences.push('lapsed_customer');
  audiences.sort();

  const lastVisit = state.visits.length > 0 ? state.visits[state.visits.length - 1] : null;
  const summary: JourneySummary = {
    stage: stage.stage,
    stageRule: stage.rule,
    step: lastVisit === null ? null : lastVisit.step,
    tier: tier.tier,
    tierRule: tier.rule,
    trailingSpend: tier.trailingSpend,
    currency: defs.currency.base,
    consent: { advertising: consentOf(state.consent.advertising), personalization: consentOf(state.consent.personalization) },
    audiences,
  };
  return { summary, products };
}
