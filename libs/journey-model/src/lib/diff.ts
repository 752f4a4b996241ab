import type { ProductStatus } from '@touchpoint/contracts';
import type { JourneyView } from './derive';
import { compareStrings, ownValue } from './plain-records';
import { sameProductStatus, sameSummary } from './same-view';

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

const noChanges: readonly ProductStatusChange[] = Object.freeze([]);

/** The products whose status differs, sorted by productId. */
function productChanges(previous: JourneyView['products'], next: JourneyView['products']): ProductStatusChange[] {
  const products: ProductStatusChange[] = [];
  let matched = 0;
  for (const productId of Object.keys(next)) {
    const status = next[productId];
    const earlier = ownValue(previous, productId) ?? null;
    if (earlier !== null) matched++;
    if (earlier === null || !sameProductStatus(earlier, status)) products.push({ productId, before: earlier, after: status });
  }
  // Products never leave a state, so this is rare: only when the views compared are not of one history.
  const previousIds = Object.keys(previous);
  if (matched < previousIds.length) {
    for (const productId of previousIds) if (!Object.hasOwn(next, productId)) products.push({ productId, before: previous[productId], after: null });
  }
  return products.length > 1 ? products.sort((a, b) => compareStrings(a.productId, b.productId)) : products;
}

/** What changed between two views; null when they are identical. `before` null: the profile's first view. */
export function diffViews(before: JourneyView | null, after: JourneyView): JourneyViewChange | null {
  const summaryChanged = before === null || (before.summary !== after.summary && !sameSummary(before.summary, after.summary));
  const products = before?.products === after.products ? noChanges : productChanges(before?.products ?? {}, after.products);
  if (!summaryChanged && products.length === 0) return null;
  return { summaryChanged, products };
}
