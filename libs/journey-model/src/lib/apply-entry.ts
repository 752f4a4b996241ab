import { CommerceEvent, type Channel, type ConsentPurpose, type SegmentMessage, type TrackMessage, type WebshopStep, webshopSteps } from '@touchpoint/contracts';
import { compiled, type CompiledDefinitions } from './definitions/compiled-definitions';
import type { JourneyDefinitions } from './definitions/journey-definitions.schema';
import { REDUCER_VERSION } from './definitions/journey-versions';
import type { EventEntry, JourneyEntry } from './entries';
import {
  type AdvocacyFact,
  type AdvocacyKind,
  type ConsentStatement,
  emptyProductFacts,
  type JourneyState,
  type OrderFact,
  type ProductFacts,
  type PurchaseChannel,
  type RefundFact,
  type TouchpointFact,
  type VisitChannel,
  type VisitFact,
} from './journey-state';
import { copyProductFacts, copyState, copyVisit, type Mutable } from './fixed-shapes';
import { defineValue, ownValue, withValue } from './plain-records';
import { categoryPreferencesOf, channelOf, currencyOf, finiteOf, idOf, linesOf, pageOf, positiveIntOf, purchaseChannelOf, statedAmountOf } from './read-event';

/** The entry cannot be applied on top of this state; fold the whole log again instead. */
export class JourneyRefoldRequiredError extends Error {
  override readonly name = 'JourneyRefoldRequiredError';
}

/** True when `entry` comes after everything the state has applied, so applying it equals a refold. */
export function sortsAfterLast(state: JourneyState, entry: JourneyEntry): boolean {
  const last = state.lastEntry;
  return last === null || entry.at > last.at || (entry.at === last.at && entry.messageId > last.messageId);
}

/**
 * Applies one entry that sorts after state.lastEntry (throws otherwise: the caller must refold).
 * Pure: the input state is never modified; unchanged parts are shared with the result.
 */
export function applyEntry(state: JourneyState, entry: JourneyEntry, defs: JourneyDefinitions): JourneyState {
  if (state.versions.reducer !== REDUCER_VERSION || state.versions.definitions !== defs.version) {
    throw new JourneyRefoldRequiredError(
      `state of ${state.profileId} was folded by reducer ${state.versions.reducer} with definitions ${state.versions.definitions}, not reducer ${REDUCER_VERSION} with ${defs.version}`,
    );
  }
  if (!sortsAfterLast(state, entry)) {
    throw new JourneyRefoldRequiredError(`entry ${entry.messageId} at ${entry.at} does not sort after ${state.lastEntry?.messageId} at ${state.lastEntry?.at}`);
  }
  const lastEntry = { at: entry.at, messageId: entry.messageId };
  const next = copyState(state);
  next.clock = entry.at;
  next.lastEntry = lastEntry;
  if (entry.kind === 'event') applyEvent(next, entry, defs);
  return next;
}

type Draft = Mutable<JourneyState>;

/** Applies an event's facts to `draft`, a fresh copy of the state. */
function applyEvent(draft: Draft, entry: EventEntry, defs: JourneyDefinitions): void {
  const { event, at } = entry;
  const rules = compiled(defs);
  const channel = channelOf(event);
  const storeId = channel === 'store' ? (event.context.storeId ?? null) : null;
  draft.eventCount += 1;
  draft.firstSeenAt ??= at;

  let viewedProduct: string | null = null;
  if (event.type === 'track') {
    const products = new ProductsDraft(draft.products);
    viewedProduct = applyTrack(draft, products, event, at, channel, storeId, rules, defs);
    draft.products = products.result();
  }
  applyConsent(draft, event, at, rules);
  if (channel !== 'store') draft.visits = advanceVisits(draft.visits, event, at, channel, viewedProduct, rules, defs.visits.keep);
  draft.touchpoints = appendBounded(draft.touchpoints, touchpointOf(event, at, channel, storeId), defs.touchpoints.keep);
}

/** Copies the products record once per event, however many products the event touches. */
class ProductsDraft {
  private copy: Record<string, ProductFacts> | null = null;

  constructor(private readonly original: JourneyState['products']) {}

  /** A fresh copy of the product's facts, to change and then set. */
  edit(productId: string): Mutable<ProductFacts> {
    return copyProductFacts(ownValue(this.copy ?? this.original, productId) ?? emptyProductFacts);
  }

  set(productId: string, facts: ProductFacts): void {
    this.copy ??= { ...this.original };
    defineValue(this.copy, productId, facts);
  }

  result(): JourneyState['products'] {
    return this.copy ?? this.original;
  }
}

/** Applies a track event's commerce and advocacy facts; returns the product it viewed, if any. */
function applyTrack(
  draft: Draft,
  products: ProductsDraft,
  event: TrackMessage,
  at: number,
  channel: Channel,
  storeId: string | null,
  rules: CompiledDefinitions,
  defs: JourneyDefinitions,
): string | null {
  const { properties } = event;
  switch (event.event) {
    case CommerceEvent.ProductViewed: {
      const productId = idOf(properties['product_id']);
      if (productId === null) return null;
      const facts = products.edit(productId);
      facts.viewedAt = at;
      products.set(productId, facts);
      return productId;
    }
    case CommerceEvent.ProductAdded: {
      const productId = idOf(properties['product_id']);
      if (productId === null) return null;
      const facts = products.edit(productId);
      facts.unitsInCart += positiveIntOf(properties['quantity']) ?? 1;
      facts.cartedAt = at;
      facts.lastAddedAt = at;
      products.set(productId, facts);
      return null;
    }
    case CommerceEvent.ProductRemoved: {
      const productId = idOf(properties['product_id']);
      if (productId === null) return null;
      const facts = products.edit(productId);
      const quantity = positiveIntOf(properties['quantity']);
      const unitsInCart = quantity === null ? 0 : Math.max(0, facts.unitsInCart - quantity);
      if (unitsInCart === facts.unitsInCart) return null;
      facts.unitsInCart = unitsInCart;
      if (unitsInCart === 0) facts.cartedAt = null;
      products.set(productId, facts);
      return null;
    }
    case CommerceEvent.OrderCompleted:
      applyOrder(draft, products, event, at, purchaseChannelOf(channel), storeId, defs.currency.base);
      return null;
    case CommerceEvent.OrderRefunded:
      applyRefund(draft, products, event, at, purchaseChannelOf(channel), storeId, defs.currency.base);
      return null;
    default:
      applyAdvocacy(draft, event, at, rules, defs.advocacy.minRating);
      return null;
  }
}

function applyOrder(draft: Draft, products: ProductsDraft, event: TrackMessage, at: number, channel: PurchaseChannel, storeId: string | null, base: string): void {
  const { properties } = event;
  const orderId = idOf(properties['order_id']);
  const key = `${channel}:${storeId ?? '-'}:${orderId ?? event.messageId}`;
  // A re-sent order counts once: the first by fold order (the earliest) stands.
  if (ownValue(draft.orders, key) !== undefined) return;
  const lines = linesOf(properties);
  const order: OrderFact = { key, orderId, messageId: event.messageId, at, channel, storeId, currency: currencyOf(properties, base), amount: statedAmountOf(lines, properties), lines };
  draft.orders = withValue(draft.orders, key, order);
  for (const line of lines) {
    const facts = products.edit(line.productId);
    facts.unitsBought += line.quantity;
    // A purchase in any channel empties the product's cart.
    facts.unitsInCart = 0;
    facts.cartedAt = null;
    facts.lastPurchaseAt = at;
    facts.lastPurchaseChannel = channel;
    facts.lastPurchaseStoreId = storeId;
    products.set(line.productId, facts);
  }
}

function applyRefund(draft: Draft, products: ProductsDraft, event: TrackMessage, at: number, channel: PurchaseChannel, storeId: string | null, base: string): void {
  const { properties } = event;
  const lines = linesOf(properties);
  const refund: RefundFact = {
    messageId: event.messageId,
    at,
    // Store returns name the sale in original_order_id (order_id is the return's own id); Segment's own refunds use order_id.
    linkOrderId: idOf(properties['original_order_id']) ?? idOf(properties['order_id']),
    channel,
    storeId,
    currency: currencyOf(properties, base),
    amount: Math.abs(statedAmountOf(lines, properties)),
    lines,
  };
  draft.refunds = [...draft.refunds, refund];
  // Lines return their units whether or not the order is known (yet); lineless refunds are resolved when deriving.
  for (const line of lines) {
    const facts = products.edit(line.productId);
    facts.unitsReturned += line.quantity;
    facts.lastReturnAt = at;
    products.set(line.productId, facts);
  }
}

const advocacyOrder: readonly AdvocacyKind[] = ['review', 'referral', 'share'];

function applyAdvocacy(draft: Draft, event: TrackMessage, at: number, rules: CompiledDefinitions, minRating: number): void {
  let fact: AdvocacyFact | null = null;
  if (rules.reviewEvents.has(event.event)) {
    const rating = finiteOf(event.properties['rating']);
    // A review below the bar (or without a rating) never makes an advocate.
    if (rating !== null && rating >= minRating) fact = { kind: 'review', at, messageId: event.messageId, rating };
  } else if (rules.referralEvents.has(event.event)) {
    fact = { kind: 'referral', at, messageId: event.messageId, rating: null };
  } else if (rules.shareEvents.has(event.event)) {
    fact = { kind: 'share', at, messageId: event.messageId, rating: null };
  }
  if (fact === null) return;
  const kind = fact.kind;
  draft.advocacy = [...draft.advocacy.filter((existing) => existing.kind !== kind), fact].sort((a, b) => advocacyOrder.indexOf(a.kind) - advocacyOrder.indexOf(b.kind));
}

/**
 * Consent from context.consent.categoryPreferences (any event) and a consent event's
 * properties.categoryPreferences. Within one event a purpose is granted only if every category
 * mapped to it that the event names is granted; across events the latest in fold order wins.
 */
function applyConsent(draft: Draft, event: SegmentMessage, at: number, rules: CompiledDefinitions): void {
  const preferences = categoryPreferencesOf(event.context['consent']);
  if (event.type === 'track' && rules.consentEvents.has(event.event)) preferences.push(...categoryPreferencesOf(event.properties));
  if (preferences.length === 0) return;
  const stated: Partial<Record<ConsentPurpose, boolean>> = {};
  for (const [category, granted] of preferences) {
    for (const purpose of rules.purposesByCategory.get(category.toLowerCase()) ?? []) stated[purpose] = (stated[purpose] ?? true) && granted;
  }
  const statement = (purpose: ConsentPurpose): ConsentStatement | null => {
    const granted = stated[purpose];
    const current = draft.consent[purpose];
    return granted === undefined || current?.granted === granted ? current : { granted, at };
  };
  const advertising = statement('advertising');
  const personalization = statement('personalization');
  if (advertising !== draft.consent.advertising || personalization !== draft.consent.personalization) draft.consent = { advertising, personalization };
}

const evaluateEvents: ReadonlySet<string> = new Set(['Products Searched', 'Product List Filtered', 'Product List Viewed']);

function stepOf(event: SegmentMessage): WebshopStep {
  if (event.type !== 'track') return 'arrive';
  switch (event.event) {
    case CommerceEvent.ProductViewed:
      return 'look';
    case CommerceEvent.ProductAdded:
    case CommerceEvent.CheckoutStarted:
      return 'choose';
    case CommerceEvent.OrderCompleted:
      return 'buy';
    default:
      return evaluateEvents.has(event.event) ? 'evaluate' : 'arrive';
  }
}

const stepRank = (step: WebshopStep): number => webshopSteps.indexOf(step);
const deeper = (a: WebshopStep, b: WebshopStep): WebshopStep => (stepRank(b) > stepRank(a) ? b : a);

/** Web, app and server events form visits; a gap longer than visits.idleMinutes starts a new one. */
function advanceVisits(
  visits: readonly VisitFact[],
  event: SegmentMessage,
  at: number,
  channel: VisitChannel,
  viewedProduct: string | null,
  rules: CompiledDefinitions,
  keep: number,
): readonly VisitFact[] {
  const step = stepOf(event);
  const current = visits.length > 0 ? visits[visits.length - 1] : undefined;
  if (current === undefined || at - current.lastAt > rules.visitIdleMs) {
    const started: VisitFact = { startedAt: at, lastAt: at, channel, step, events: 1, viewed: viewedProduct === null ? [] : [viewedProduct] };
    return appendBounded(visits, started, keep);
  }
  const viewed = viewedProduct === null || current.viewed.length >= 2 || current.viewed.includes(viewedProduct) ? current.viewed : [...current.viewed, viewedProduct];
  const reached = deeper(deeper(current.step, step), viewed.length >= 2 ? 'evaluate' : 'arrive');
  const updated = copyVisit(current);
  updated.lastAt = at;
  updated.step = reached;
  updated.events += 1;
  updated.viewed = viewed;
  const result = visits.slice(0, -1);
  result.push(updated);
  return result;
}

function appendBounded<T>(items: readonly T[], item: T, keep: number): readonly T[] {
  const start = items.length + 1 > keep ? items.length + 1 - keep : 0;
  const result = items.slice(start);
  result.push(item);
  return result;
}

function touchpointOf(event: SegmentMessage, at: number, channel: Channel, storeId: string | null): TouchpointFact {
  return { at, channel, storeId, page: pageOf(event), event: event.type === 'track' ? event.event : event.type, messageId: event.messageId };
}
