import type { Channel, ConsentPurpose, WebshopStep } from '@touchpoint/contracts';
import type { JourneyDefinitions } from './definitions/journey-definitions.schema';
import { journeyVersions, type JourneyVersions } from './definitions/journey-versions';
import type { PlainRecord } from './plain-records';

export type PurchaseChannel = 'online' | 'store';

export interface OrderLine {
  readonly productId: string;
  readonly quantity: number;
  readonly unitPrice: number | null;
}

/** An "Order Completed", counted once per order key. */
export interface OrderFact {
  /** `${channel}:${storeId ?? '-'}:${order_id ?? messageId}`: unique across stores and channels. */
  readonly key: string;
  /** The raw order_id, which refunds link on; null when the event had none. */
  readonly orderId: string | null;
  readonly messageId: string;
  readonly at: number;
  readonly channel: PurchaseChannel;
  readonly storeId: string | null;
  readonly currency: string;
  /** In `currency`: the lines, else total, else revenue. */
  readonly amount: number;
  readonly lines: readonly OrderLine[];
}

/** An "Order Refunded", each its own record: one order may be refunded in several parts. */
export interface RefundFact {
  readonly messageId: string;
  readonly at: number;
  /** original_order_id ?? order_id: the order it refunds, linked when the view is derived. */
  readonly linkOrderId: string | null;
  readonly channel: PurchaseChannel;
  readonly storeId: string | null;
  readonly currency: string;
  /** What the refund itself states (lines, else total, else revenue); without lines the linked order's amount applies. */
  readonly amount: number;
  /** Empty: the whole linked order is refunded. */
  readonly lines: readonly OrderLine[];
}

/** Fold-time facts of one product; refunds without lines add to them when the view is derived. */
export interface ProductFacts {
  readonly viewedAt: number | null;
  readonly lastAddedAt: number | null;
  readonly unitsInCart: number;
  /** Time of the latest add while the cart held the product; null when it holds none. */
  readonly cartedAt: number | null;
  readonly unitsBought: number;
  /** Units named by refund lines. */
  readonly unitsReturned: number;
  readonly lastPurchaseAt: number | null;
  readonly lastPurchaseChannel: PurchaseChannel | null;
  readonly lastPurchaseStoreId: string | null;
  readonly lastReturnAt: number | null;
}

export type VisitChannel = Exclude<Channel, 'store'>;

export interface VisitFact {
  readonly startedAt: number;
  readonly lastAt: number;
  /** The channel of the visit's first event. */
  readonly channel: VisitChannel;
  /** The furthest webshop step the visit reached. */
  readonly step: WebshopStep;
  readonly events: number;
  /** Distinct products viewed in the visit, at most two (enough to decide "evaluate"). */
  readonly viewed: readonly string[];
}

export interface TouchpointFact {
  readonly at: number;
  readonly channel: Channel;
  readonly storeId: string | null;
  /** context.page.path, else the page or screen name. */
  readonly page: string | null;
  /** The track event name, or the message type ("page", "identify", ...). */
  readonly event: string;
  readonly messageId: string;
}

export interface ConsentStatement {
  readonly granted: boolean;
  /** Event time of the statement that set the current value; restating the same value keeps it. */
  readonly at: number;
}

export type ConsentFacts = Readonly<Record<ConsentPurpose, ConsentStatement | null>>;

export type AdvocacyKind = 'review' | 'referral' | 'share';

/** The latest qualifying advocacy event of one kind. */
export interface AdvocacyFact {
  readonly kind: AdvocacyKind;
  readonly at: number;
  readonly messageId: string;
  /** The review's rating; null for referrals and shares. */
  readonly rating: number | null;
}

/**
 * A profile's journey folded from its log in canonical order (entries by at, then messageId).
 * Plain JSON throughout: it is stored as jsonb and in Redis.
 */
export interface JourneyState {
  readonly profileId: string;
  readonly versions: JourneyVersions;
  /** The largest entry time applied: every rule is evaluated at this clock, never the wall clock. */
  readonly clock: number | null;
  readonly lastEntry: { readonly at: number; readonly messageId: string } | null;
  /** Events applied (ticks excluded). */
  readonly eventCount: number;
  readonly firstSeenAt: number | null;
  readonly products: PlainRecord<ProductFacts>;
  /** By order key, in fold order. */
  readonly orders: PlainRecord<OrderFact>;
  /** In fold order. */
  readonly refunds: readonly RefundFact[];
  /** The latest visits (visits.keep), oldest first. */
  readonly visits: readonly VisitFact[];
  /** The latest touchpoints (touchpoints.keep), oldest first. */
  readonly touchpoints: readonly TouchpointFact[];
  readonly consent: ConsentFacts;
  /** At most one per kind, in the order review, referral, share. */
  readonly advocacy: readonly AdvocacyFact[];
}

export function emptyJourneyState(profileId: string, defs: JourneyDefinitions): JourneyState {
  return {
    profileId,
    versions: journeyVersions(defs),
    clock: null,
    lastEntry: null,
    eventCount: 0,
    firstSeenAt: null,
    products: {},
    orders: {},
    refunds: [],
    visits: [],
    touchpoints: [],
    consent: { advertising: null, personalization: null },
    advocacy: [],
  };
}

export const emptyProductFacts: ProductFacts = {
  viewedAt: null,
  lastAddedAt: null,
  unitsInCart: 0,
  cartedAt: null,
  unitsBought: 0,
  unitsReturned: 0,
  lastPurchaseAt: null,
  lastPurchaseChannel: null,
  lastPurchaseStoreId: null,
  lastReturnAt: null,
};
