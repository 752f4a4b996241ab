import type { JourneySummary, JourneyTransitionV2, ProductStatus } from '@touchpoint/contracts';
import type { ProfileFacts } from '../recommendation-rules/profile-facts';

/** A fact and the journey revision that stated it: a fact is replaced only by one of a higher revision. */
export interface Register<T> {
  readonly revision: number;
  readonly value: T;
}

/**
 * Recommendation's own picture of one profile, built only from journey transitions, one
 * register per fact. Every transition carries the profile's revision, so taking, per fact, the
 * value of the highest revision makes the view the same whatever order transitions arrive in
 * and however often: a redelivered older transition changes nothing.
 */
export interface RecommendationView {
  /** The derived status of each product by product id; a null value: no longer the profile's. */
  readonly products: Readonly<Record<string, Register<ProductStatus | null>>>;
  readonly summary: Register<JourneySummary> | null;
  /** The latest retirement: the survivor's id. Facts of lower revisions belong to the survivor now. */
  readonly retired: Register<string | null> | null;
}

export const emptyRecommendationView: RecommendationView = Object.freeze({ products: {}, summary: null, retired: null });

const newer = (current: { readonly revision: number } | null | undefined, revision: number): boolean => !current || revision > current.revision;

/** The view with the transition's facts taken in where they are newer than what it holds. */
export function applyToView(view: RecommendationView, transition: JourneyTransitionV2): RecommendationView {
  const { revision } = transition;
  if (transition.kind === 'retired') {
    return newer(view.retired, revision) ? { ...view, retired: { revision, value: transition.survivorProfileId } } : view;
  }
  let products = view.products;
  for (const { productId, after } of transition.products) {
    if (!newer(products[productId], revision)) continue;
    if (products === view.products) products = { ...view.products };
    (products as Record<string, Register<ProductStatus | null>>)[productId] = { revision, value: after };
  }
  const summary = transition.after && newer(view.summary, revision) ? { revision, value: transition.after } : view.summary;
  return products === view.products && summary === view.summary ? view : { ...view, products, summary };
}

/** Whether the view moved: false for a transition it had already taken in (or one older than every fact it names). */
export const viewMoved = (before: RecommendationView, after: RecommendationView): boolean => before !== after;

/**
 * Where the profile stands: retired into a survivor, when the latest retirement is newer than
 * every journey summary (an unmerge brings a newer one), else its live facts: only facts newer
 * than the last retirement count, older ones went to the survivor with it.
 */
export function factsOf(view: RecommendationView): { readonly retiredInto: string | null; readonly facts: ProfileFacts } {
  const retiredAt = view.retired?.revision ?? 0;
  if (view.retired && !(view.summary && view.summary.revision > retiredAt)) {
    return { retiredInto: view.retired.value, facts: { products: {}, summary: null } };
  }
  const products: Record<string, ProductStatus> = {};
  for (const [productId, register] of Object.entries(view.products)) {
    if (register.value !== null && register.revision > retiredAt) products[productId] = register.value;
  }
  return { retiredInto: null, facts: { products, summary: view.summary?.value ?? null } };
}

/** The highest journey revision the view took in. */
export function revisionOf(view: RecommendationView): number {
  let revision = Math.max(view.summary?.revision ?? 0, view.retired?.revision ?? 0);
  for (const register of Object.values(view.products)) revision = Math.max(revision, register.revision);
  return revision;
}
