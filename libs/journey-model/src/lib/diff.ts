import type { ConsentState, JourneySummary, ProductStatus } from '@touchpoint/contracts';
import type { JourneyView } from './derive';
import { compareStrings } from './plain-records';

export interface ProductStatusChange {
  readonly productId: string;
  /** null: the product was not part of the view before. */
  readonly before: ProductStatus | null;
  /** null: the product is no longer part of the view. */
  readonly after: ProductStatus | null;
}

export interface JourneyViewChange {
  readonly summaryChanged: boolean;
  /** Sorted by productId. */
  readonly products: readonly ProductStatusChange[];
}

const sameConsent = (a: ConsentState, b: ConsentState): boolean => a === b || (a.granted === b.granted && a.at === b.at);

function sameAudiences(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function sameSummary(a: JourneySummary, b: JourneySummary): boolean {
  return (
    a.stage === b.stage &&
    a.stageRule === b.stageRule &&
    a.step === b.step &&
    a.tier === b.tier &&
    a.tierRule === b.tierRule &&
    a.trailingSpend === b.trailingSpend &&
    a.currency === b.currency &&
    sameConsent(a.consent.advertising, b.consent.advertising) &&
    sameConsent(a.consent.personalization, b.consent.personalization) &&
    sameAudiences(a.audiences, b.audiences)
  );
}

export function sameProductStatus(a: ProductStatus, b: ProductStatus): boolean {
  return (
    a === b ||
    (a.viewed === b.viewed &&
    a.unitsInCart === b.unitsInCart &&
    a.cartAbandoned === b.cartAbandoned &&
    a.unitsBought === b.unitsBought &&
    a.unitsReturned === b.unitsReturned &&
    a.unitsOwned === b.unitsOwned &&
    a.lastPurchaseChannel === b.lastPurchaseChannel &&
    a.lastPurchaseStoreId === b.lastPurchaseStoreId &&
    a.lastPurchaseAt === b.lastPurchaseAt &&
    a.lastReturnAt === b.lastReturnAt)
  );
}

function productChanges(previous: JourneyView['products'], next: JourneyView['products']): ProductStatusChange[] {
  const products: ProductStatusChange[] = [];
  for (const productId of Object.keys(next)) {
    const status = next[productId];
    const earlier = Object.hasOwn(previous, productId) ? previous[productId] : null;
    if (earlier === null || !sameProductStatus(earlier, status)) products.push({ productId, before: earlier, after: status });
  }
  for (const productId of Object.keys(previous)) {
    if (!Object.hasOwn(next, productId)) products.push({ productId, before: previous[productId], after: null });
  }
  return products;
}

/** What changed between two views; null when they are identical. `before` null: the profile's first view. */
export function diffViews(before: JourneyView | null, after: JourneyView): JourneyViewChange | null {
  const summaryChanged = before === null || (before.summary !== after.summary && !sameSummary(before.summary, after.summary));
  const products = before?.products === after.products ? [] : productChanges(before?.products ?? {}, after.products);
  if (!summaryChanged && products.length === 0) return null;
  products.sort((a, b) => compareStrings(a.productId, b.productId));
  return { summaryChanged, products };
}
