import type { SignalKind } from './co-occurrence';

/** What the rules read of the co-occurrence signals: a snapshot, answered synchronously so the rules stay pure. */
export interface SimilarProducts {
  /** Products most often seen with `productId` (bought in one basket, or viewed in one visit), best first. */
  similar(kind: SignalKind, productId: string, k: number): readonly string[];
  /** The most popular products in a scope (`all`, `category:<c>`, `audience:<a>`), best first. */
  popular(scope: string, k: number): readonly string[];
}

export const noSimilarProducts: SimilarProducts = { similar: () => [], popular: () => [] };
