import type { JourneySummary, ProductStatus } from '@touchpoint/contracts';
import { type JourneyState, type JourneyView, touchpointsOf, visitsOf } from '@touchpoint/journey-model';

/** A profile's journey as the HTTP API serves it and the read cache keeps it. */
export interface JourneyDocument {
  readonly profileId: string;
  /** Grows with every save of the profile: a cache never replaces a newer document with an older one. */
  readonly revision: number;
  readonly versions: JourneyState['versions'];
  /** Journey time: the latest event or timer due time applied (ISO), null before any. */
  readonly asOf: string | null;
  readonly summary: JourneySummary;
  readonly products: Readonly<Record<string, ProductStatus>>;
  readonly touchpoints: ReturnType<typeof touchpointsOf>;
  readonly visits: ReturnType<typeof visitsOf>;
  /** When the journey changes next without a new event (a timer), ISO; null when nothing is due. */
  readonly nextChangeAt: string | null;
}

const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());

export function journeyDocumentOf(state: JourneyState, view: JourneyView, revision: number, nextDueAt: number | null): JourneyDocument {
  return {
    profileId: state.profileId,
    revision,
    versions: state.versions,
    asOf: iso(state.clock),
    summary: view.summary,
    products: view.products,
    touchpoints: touchpointsOf(state),
    visits: visitsOf(state),
    nextChangeAt: iso(nextDueAt),
  };
}

export type JourneyLookup =
  | { readonly kind: 'found'; readonly document: JourneyDocument }
  | { readonly kind: 'retired'; readonly survivorProfileId: string }
  | { readonly kind: 'missing' };
