import { type ConsentState, type FunnelStage, funnelStages, type JourneySummary, type ProductStatus, type SpendTier, spendTiers } from '@touchpoint/contracts';
import { compiled } from './definitions/compiled-definitions';
import type { JourneyDefinitions } from './definitions/journey-definitions.schema';
import { stageAt } from './funnel-stage';
import type { ConsentFacts, ConsentStatement, JourneyState, ProductFacts } from './journey-state';
import { defineValue, ownValue } from './plain-records';
import { type RefundLedger, refundLedger } from './refund-ledger';
import { tierAt } from './spend-tier';

/** What consumers decide on: the profile-wide summary and each product's status. */
export interface JourneyView {
  readonly summary: JourneySummary;
  readonly products: Readonly<Record<string, ProductStatus>>;
}

/**
 * A state and the view derived from it, handed to the next derivation. The view after an
 * event differs from the one before in a product or two at most: parts whose facts are the
 * same objects (states share unchanged parts) are taken over as they are, so diffViews can
 * compare them by identity. Views share those objects, so they are read-only.
 */
export interface PreviousDerivation {
  readonly state: JourneyState;
  readonly view: JourneyView;
}

type Lineless = RefundLedger['linelessReturns'];

const stageAudiences = Object.fromEntries(funnelStages.map((stage) => [stage, `stage:${stage}`])) as Record<FunnelStage, string>;
const tierAudiences = Object.fromEntries(spendTiers.map((tier) => [tier, `tier:${tier}`])) as Record<SpendTier, string>;

const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());

const unknownConsent: ConsentState = Object.freeze({ granted: null, at: null });

function consentOf(statement: ConsentStatement | null): ConsentState {
  return statement === null ? unknownConsent : { granted: statement.granted, at: iso(statement.at) };
}

function consentView(consent: ConsentFacts, previous: PreviousDerivation | undefined): JourneySummary['consent'] {
  if (previous !== undefined && previous.state.consent === consent) return previous.view.summary.consent;
  return { advertising: consentOf(consent.advertising), personalization: consentOf(consent.personalization) };
}

function productStatus(facts: ProductFacts, lineless: { readonly units: number; readonly at: number } | undefined, cartAbandoned: boolean): ProductStatus {
  const unitsReturned = facts.unitsReturned + (lineless?.units ?? 0);
  const lastReturnAt = lineless === undefined ? facts.lastReturnAt : Math.max(facts.lastReturnAt ?? lineless.at, lineless.at);
  return {
    viewed: facts.viewedAt !== null,
    unitsInCart: facts.unitsInCart,
    cartAbandoned,
    unitsBought: facts.unitsBought,
    unitsReturned,
    unitsOwned: Math.max(0, facts.unitsBought - unitsReturned),
    lastPurchaseChannel: facts.lastPurchaseChannel,
    lastPurchaseStoreId: facts.lastPurchaseStoreId,
    lastPurchaseAt: iso(facts.lastPurchaseAt),
    lastReturnAt: iso(lastReturnAt),
  };
}

/** True when two facts give the same status (a repeated view moves viewedAt, not the status). */
function sameStatusFacts(a: ProductFacts, b: ProductFacts): boolean {
  return (
    a === b ||
    ((a.viewedAt === null) === (b.viewedAt === null) &&
      a.unitsInCart === b.unitsInCart &&
      a.unitsBought === b.unitsBought &&
      a.unitsReturned === b.unitsReturned &&
      a.lastPurchaseChannel === b.lastPurchaseChannel &&
      a.lastPurchaseStoreId === b.lastPurchaseStoreId &&
      a.lastPurchaseAt === b.lastPurchaseAt &&
      a.lastReturnAt === b.lastReturnAt)
  );
}

interface ProductsPart {
  readonly products: Readonly<Record<string, ProductStatus>>;
  readonly cartAbandoner: boolean;
  /** Any product viewed, any ever carted: what consideration needs. */
  readonly viewed: boolean;
  readonly carted: boolean;
}

const abandonedAt = (facts: ProductFacts, clock: number, abandonMs: number): boolean => facts.unitsInCart > 0 && facts.cartedAt !== null && clock >= facts.cartedAt + abandonMs;

function productsPart(state: JourneyState, lineless: Lineless, clock: number, abandonMs: number, previous: PreviousDerivation | undefined, previousLineless: Lineless | undefined): ProductsPart {
  const facts = state.products;
  const ids = Object.keys(facts);
  let cartAbandoner = false;
  let viewed = false;
  let carted = false;
  // Unchanged facts and no cart crossing its abandonment time: the previous products part stands.
  let unchanged = previous !== undefined && previous.state.products === facts && previousLineless === lineless;
  for (const productId of ids) {
    const product = facts[productId];
    const abandoned = abandonedAt(product, clock, abandonMs);
    cartAbandoner ||= abandoned;
    viewed ||= product.viewedAt !== null;
    carted ||= product.lastAddedAt !== null;
    if (unchanged && previous !== undefined && abandoned !== previous.view.products[productId].cartAbandoned) unchanged = false;
  }
  if (unchanged && previous !== undefined) return { products: previous.view.products, cartAbandoner, viewed, carted };

  const products: Record<string, ProductStatus> = {};
  for (const productId of ids) {
    const product = facts[productId];
    const abandoned = abandonedAt(product, clock, abandonMs);
    const returned = lineless.get(productId);
    const before = previous === undefined || returned !== undefined || previousLineless?.get(productId) !== undefined ? undefined : ownValue(previous.view.products, productId);
    const earlierFacts = before === undefined || previous === undefined ? undefined : ownValue(previous.state.products, productId);
    const reusable = before !== undefined && earlierFacts !== undefined && before.cartAbandoned === abandoned && sameStatusFacts(earlierFacts, product);
    defineValue(products, productId, reusable ? before : productStatus(product, returned, abandoned));
  }
  return { products, cartAbandoner, viewed, carted };
}

/**
 * The journey as consumers see it, everything evaluated at state.clock (never the wall clock).
 * `previous` (the state before and its view) only saves work: the result is the same without it.
 */
export function deriveJourney(state: JourneyState, defs: JourneyDefinitions, previous?: PreviousDerivation): JourneyView {
  const rules = compiled(defs);
  // Before any entry nothing is time-dependent yet; -Infinity keeps every "clock >= due" false.
  const clock = state.clock ?? Number.NEGATIVE_INFINITY;
  const ledger = refundLedger(state, defs);
  const previousLineless = previous === undefined ? undefined : refundLedger(previous.state, defs).linelessReturns;
  const part = productsPart(state, ledger.linelessReturns, clock, rules.cartAbandonMs, previous, previousLineless);
  const stage = stageAt({ seen: state.eventCount > 0, viewed: part.viewed, carted: part.carted }, state.advocacy, ledger, defs, rules.loyaltyWithinMs);
  const tier = tierAt(ledger, clock, defs, rules.tierWindowMs);
  const lastNetPurchase = ledger.netOrders.length > 0 ? ledger.netOrders[ledger.netOrders.length - 1].at : null;
  const lapsed = lastNetPurchase !== null && clock >= lastNetPurchase + rules.lapsedAfterMs;

  // Already sorted: "cart_abandoner" < "lapsed_customer" < "stage:…" < "tier:…".
  const audiences: string[] = [];
  if (part.cartAbandoner) audiences.push('cart_abandoner');
  if (lapsed) audiences.push('lapsed_customer');
  audiences.push(stageAudiences[stage.stage], tierAudiences[tier.tier]);

  const summary: JourneySummary = {
    stage: stage.stage,
    stageRule: stage.rule,
    step: state.visits.length > 0 ? state.visits[state.visits.length - 1].step : null,
    tier: tier.tier,
    tierRule: tier.rule,
    trailingSpend: tier.trailingSpend,
    currency: defs.currency.base,
    consent: consentView(state.consent, previous),
    audiences,
  };
  return { summary, products: part.products };
}
