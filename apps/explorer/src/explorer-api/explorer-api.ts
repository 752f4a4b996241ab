/**
 * What the explorer's own HTTP API answers, shared by the server and the page. Types only:
 * the page imports nothing of the server at run time.
 */

/**
 * One upstream answer: its value, or why the page must do without it. status and code are the
 * upstream's (its stable error code); both null when the service could not be reached at all.
 */
export type Part<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: number | null; readonly code: string | null; readonly message: string };

export interface IdentifierView {
  readonly type: string;
  /** As identity stores it: email and phone as keyed hashes, cards prefixed with their chain. */
  readonly value: string;
}

export interface MergeView {
  readonly mergeId: string;
  readonly survivorProfileId: string;
  readonly mergedProfileId: string;
  readonly reason: string;
  readonly linkedBy: IdentifierView;
  readonly mergedAt: string;
  readonly causedByMessageId: string;
  /** Set once the merge was undone. */
  readonly unmergeId: string | null;
}

export interface UnmergeView {
  readonly unmergeId: string;
  readonly mergeId: string;
  readonly restoredProfileId: string;
  readonly requestedBy: string;
  readonly unmergedAt: string;
}

export interface RefusalView {
  readonly refusalId: string;
  readonly profileId: string;
  readonly refusedProfileId: string | null;
  readonly reason: string;
  readonly causedByMessageId: string;
  readonly refusedAt: string;
}

export interface HistoryView {
  readonly status: string;
  readonly mergedInto: string | null;
  readonly merges: readonly MergeView[];
  readonly unmerges: readonly UnmergeView[];
  readonly refusals: readonly RefusalView[];
}

export interface ProductView {
  readonly productId: string;
  readonly viewed: boolean;
  readonly unitsInCart: number;
  readonly cartAbandoned: boolean;
  readonly unitsBought: number;
  readonly unitsReturned: number;
  readonly unitsOwned: number;
  readonly lastPurchaseChannel: 'online' | 'store' | null;
  readonly lastPurchaseStoreId: string | null;
}

export interface JourneySummaryView {
  readonly stage: string;
  readonly stageRule: string;
  readonly step: string | null;
  readonly tier: string;
  readonly tierRule: string;
  readonly trailingSpend: number;
  readonly currency: string;
  readonly audiences: readonly string[];
}

export interface JourneyView {
  readonly asOf: string | null;
  readonly summary: JourneySummaryView;
  readonly products: readonly ProductView[];
}

export type TimelineEntry =
  | {
      readonly type: 'touchpoint';
      readonly at: string;
      readonly messageId: string;
      readonly channel: string;
      readonly event: string;
      readonly storeId: string | null;
      readonly page: string | null;
    }
  | {
      readonly type: 'transition';
      readonly at: string;
      readonly transitionId: string;
      readonly kind: string;
      readonly cause: { readonly kind: string; readonly id: string };
      readonly stage: string | null;
      readonly step: string | null;
      readonly tier: string | null;
      readonly productsChanged: readonly string[];
    };

export interface TimelineView {
  readonly items: readonly TimelineEntry[];
  /** More items exist after these (the page shows the first page only). */
  readonly truncated: boolean;
}

export interface RecommendedView {
  readonly productId: string;
  readonly rank: number;
  readonly reason: string;
  readonly becauseOf: string | null;
}

export interface RecommendationsView {
  readonly retargeting: readonly string[];
  readonly recommendations: readonly RecommendedView[];
}

/** A decision as recommendation's decisions API explains it: what was told, why, and the event behind it. */
export interface DecisionView {
  readonly id: string;
  readonly type: string;
  readonly productId: string | null;
  readonly reason: string | null;
  readonly occurredAt: string;
  /** When platforms were told; null for a decision the explorer saw on the topic. */
  readonly toldAt: string | null;
  readonly transitionId: string | null;
  readonly cause: { readonly kind: string; readonly id: string };
  /** For a recommendations update: the items with their reasons, e.g. "gloves-7 (accessory_of_purchase of jacket-42)". */
  readonly items: readonly string[];
}

export interface DecisionsView {
  readonly audiences: readonly string[];
  readonly decisions: readonly DecisionView[];
}

export interface ProfileView {
  readonly profileId: string;
  readonly identifiers: Part<readonly IdentifierView[]>;
  readonly history: Part<HistoryView>;
  readonly journey: Part<JourneyView>;
  readonly timeline: Part<TimelineView>;
  readonly recommendations: Part<RecommendationsView>;
  readonly decisions: Part<DecisionsView>;
  /** Decisions the explorer itself saw on the recommendations topic since it started, newest last. */
  readonly seenDecisions: readonly DecisionView[];
  /** The orders of funnel stages, webshop steps and spend tiers, lowest first, for the chart. */
  readonly scales: { readonly stage: readonly string[]; readonly step: readonly string[]; readonly tier: readonly string[] };
}

export type SearchAnswer =
  | {
      readonly kind: 'found';
      readonly profileId: string;
      /** The stored form of what was searched (a keyed hash for email and phone), to mark it among the identifiers. */
      readonly matched: IdentifierView;
    }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'unavailable'; readonly status: number | null; readonly code: string | null; readonly message: string };

/** Customers per spend tier, bottom first, from recommendation's state topic as the explorer has read it. */
export interface SpendPyramidView {
  readonly tiers: readonly { readonly tier: string; readonly profiles: number }[];
}

/** What the live stream pushes for one profile. */
export type LiveEvent =
  | {
      readonly kind: 'transition';
      readonly transitionId: string;
      readonly at: string;
      readonly stage: string | null;
      readonly step: string | null;
      readonly tier: string | null;
      readonly cause: { readonly kind: string; readonly id: string };
      readonly productsChanged: readonly string[];
      readonly survivorProfileId: string | null;
    }
  | { readonly kind: 'decision'; readonly decision: DecisionView };

export const searchableTypes = ['loyaltyId', 'email', 'phone', 'userId', 'anonymousId', 'posCustomerId', 'deviceId', 'profileId'] as const;
export type SearchableType = (typeof searchableTypes)[number];
