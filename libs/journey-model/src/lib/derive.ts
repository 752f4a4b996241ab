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

/**
 * Every audience list a summary can have, built once and shared read-only: indexed by stage,
 * tier, cart abandoner and lapsed, sorted ("cart_abandoner" < "lapsed_customer" < "stage:…" < "tier:…").
 */
const listsFor = (stage: FunnelStage, tier: SpendTier): readonly (readonly string[])[] =>
  [0, 1, 2, 3].map((flags) => Object.freeze([...(flags & 2 ? ['cart_abandoner'] : []), ...(flags & 1 ? ['lapsed_customer'] : []), `stage:${stage}`, `tier:${tier}`]));
const audienceLists = Object.fromEntries(
  funnelStages.map((stage) => [stage, Object.fromEntries(spendTiers.map((tier) => [tier, listsFor(stage, tier)]))]),
) as Record<FunnelStage, Record<SpendTier, readonly (readonly string[])[]>>;

function audiencesOf(stage: FunnelStage, tier: SpendTier, cartAbandoner: boolean, lapsed: boolean): readonly string[] {
  return audienceLists[stage][tier][(cartAbandoner ? 2 : 0) + (lapsed ? 1 : 0)];
}

function sameAudiences(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const sameConsentState = (a: ConsentState, b: ConsentState): boolean => a === b || (a.granted === b.granted && a.at === b.at);
const sameConsentView = (a: JourneySummary['consent'], b: JourneySummary['consent']): boolean =>
  a === b || (sameConsentState(a.advertising, b.advertising) && sameConsentState(a.personalization, b.personalization));

// toISOString is the costliest step of building a status, and the same times come back view
// after view (a last purchase, a consent statement): a small direct-mapped memo, holding no objects.
const ISO_SLOTS = 1024;
const isoKeys = new Float64Array(ISO_SLOTS).fill(Number.NaN);
const isoTexts: string[] = new Array<string>(ISO_SLOTS).fill('');

function iso(at: number | null): string | null {
  if (at === null) return null;
  const slot = at & (ISO_SLOTS - 1);
  if (isoKeys[slot] === at) return isoTexts[slot];
  const text = new Date(at).toISOString();
  isoKeys[slot] = at;
  isoTexts[slot] = text;
  return text;
}

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
  if (previous !== undefined && previous.state.products === facts && previousLineless === lineless) {
    // The same facts: the previous products part stands unless a cart crossed its abandonment time.
    let crossed = false;
    for (const productId of ids) {
      const product = facts[productId];
      const abandoned = abandonedAt(product, clock, abandonMs);
      cartAbandoner ||= abandoned;
      viewed ||= product.viewedAt !== null;
      carted ||= product.lastAddedAt !== null;
      crossed ||= abandoned !== previous.view.products[productId].cartAbandoned;
    }
    if (!crossed) return { products: previous.view.products, cartAbandoner, viewed, carted };
  }

  const products: Record<string, ProductStatus> = {};
  const earlierFacts = previous?.state.products;
  const earlierStatuses = previous?.view.products;
  for (const productId of ids) {
    const product = facts[productId];
    const abandoned = abandonedAt(product, clock, abandonMs);
    cartAbandoner ||= abandoned;
    viewed ||= product.viewedAt !== null;
    carted ||= product.lastAddedAt !== null;
    const returned = lineless.get(productId);
    let status: ProductStatus | undefined;
    if (earlierFacts !== undefined && earlierStatuses !== undefined && returned === undefined && previousLineless?.get(productId) === undefined) {
      const before = ownValue(earlierStatuses, productId);
      const beforeFacts = ownValue(earlierFacts, productId);
      if (before !== undefined && beforeFacts !== undefined && before.cartAbandoned === abandoned && sameStatusFacts(beforeFacts, product)) status = before;
    }
    defineValue(products, productId, status ?? productStatus(product, returned, abandoned));
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

  const step = state.visits.length > 0 ? state.visits[state.visits.length - 1].step : null;
  const consent = consentView(state.consent, previous);
  const before = previous?.view.summary;
  // Most events leave the summary as it was: hand back the previous object (diffViews recognises it by identity), built nothing.
  const kept =
    before !== undefined &&
    before.stageRule === stage.rule &&
    before.tierRule === tier.rule &&
    before.trailingSpend === tier.trailingSpend &&
    before.step === step &&
    before.currency === defs.currency.base &&
    sameConsentView(before.consent, consent) &&
    sameAudiences(before.audiences, audiencesOf(stage.stage, tier.tier, part.cartAbandoner, lapsed))
      ? before
      : undefined;
  const summary: JourneySummary = kept ?? {
    stage: stage.stage,
    stageRule: stage.rule,
    step,
    tier: tier.tier,
    tierRule: tier.rule,
    trailingSpend: tier.trailingSpend,
    currency: defs.currency.base,
    consent,
    audiences: [...audiencesOf(stage.stage, tier.tier, part.cartAbandoner, lapsed)],
  };
  return { summary, products: part.products };
}
