import { emptyProductFacts, type ProductFacts } from '@touchpoint/contracts';

export const later = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));
export const earlier = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));

export function mergeProductFacts(a: ProductFacts | undefined, b: ProductFacts | undefined): ProductFacts {
  const x = a ?? emptyProductFacts;
  const y = b ?? emptyProductFacts;
  return {
    viewedAt: later(x.viewedAt, y.viewedAt),
    cartedAt: later(x.cartedAt, y.cartedAt),
    removedFromCartAt: later(x.removedFromCartAt, y.removedFromCartAt),
    purchasedOnlineAt: later(x.purchasedOnlineAt, y.purchasedOnlineAt),
    purchasedInStoreAt: later(x.purchasedInStoreAt, y.purchasedInStoreAt),
    returnedAt: later(x.returnedAt, y.returnedAt),
  };
}

export function sameFacts(a: ProductFacts | undefined, b: ProductFacts | undefined): boolean {
  const x = a ?? emptyProductFacts;
  const y = b ?? emptyProductFacts;
  return (Object.keys(x) as (keyof ProductFacts)[]).every((key) => x[key] === y[key]);
}

/** Of two records for one id, the later one (the larger amount on a tie): order independent. */
export function newerRecord<T extends { readonly at: number; readonly amount: number }>(x: T, y: T): T {
  return y.at > x.at || (y.at === x.at && y.amount > x.amount) ? y : x;
}
