import { createHash } from 'node:crypto';
import type { JourneyTransitionV2 } from '@touchpoint/contracts';
import { canonicalJson, diffViews, type JourneyState, type JourneyView } from '@touchpoint/journey-model';

export interface TransitionCause {
  readonly kind: JourneyTransitionV2['cause']['kind'];
  readonly id: string;
}

type TransitionBody = Omit<JourneyTransitionV2, 'transitionId'>;

/** An id that is a function of everything the transition says: a redelivery repeats it, other content never reuses it. */
function withContentId(body: TransitionBody): JourneyTransitionV2 {
  const digest = createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex').slice(0, 32);
  return { transitionId: `jt-${digest}`, ...body };
}

const iso = (at: number | null): string => new Date(at ?? 0).toISOString();

/**
 * The transition of a profile whose view moved from `before` to `after`, or null when nothing a
 * consumer decides on changed. A merge always yields one, so downstream learns of it in order
 * with the survivor's facts.
 */
export function changedTransition(
  state: JourneyState,
  revision: number,
  before: JourneyView | null,
  after: JourneyView,
  cause: TransitionCause,
  mergedProfileIds: readonly string[] = [],
): JourneyTransitionV2 | null {
  const change = diffViews(before, after);
  if (!change && mergedProfileIds.length === 0) return null;
  return withContentId({
    profileId: state.profileId,
    revision,
    kind: 'changed',
    cause,
    occurredAt: iso(state.clock),
    survivorProfileId: null,
    mergedProfileIds: [...mergedProfileIds].sort(),
    versions: state.versions,
    before: before?.summary ?? null,
    after: after.summary,
    products: change ? change.products.map((p) => ({ productId: p.productId, before: p.before, after: p.after })) : [],
  });
}

/** The last word under a merged-away id: it lives on in the survivor, and everything it had goes with it. */
export function retiredTransition(
  profileId: string,
  revision: number,
  survivorProfileId: string,
  last: { readonly view: JourneyView; readonly clock: number | null; readonly versions: JourneyState['versions'] } | null,
  versions: JourneyState['versions'],
  cause: TransitionCause,
  mergedAt: number,
): JourneyTransitionV2 {
  const products = last ? Object.entries(last.view.products).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
  return withContentId({
    profileId,
    revision,
    kind: 'retired',
    cause,
    occurredAt: iso(last?.clock ?? mergedAt),
    survivorProfileId,
    mergedProfileIds: [],
    versions,
    before: last?.view.summary ?? null,
    after: null,
    products: products.map(([productId, status]) => ({ productId, before: status, after: null })),
  });
}
