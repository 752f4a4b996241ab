import type { ScopesOf, Signal } from './signal-of-event';

/** Port: the durable co-occurrence counts. */
export abstract class SignalStore {
  /** Counts the signals whose message ids were not counted before; the number counted. */
  /** `scopesOf` gives the popularity scopes of a product beside `all` and the buyer's audiences (its category). */
  abstract record(signals: readonly Signal[], scopesOf?: ScopesOf): Promise<number>;
  /** Per kind and product, the `k` products seen with it most, by decayed score at `now`. */
  abstract top(k: number, now: number): Promise<Map<string, string[]>>;
  /** Per scope, the `k` most popular products by decayed score at `now`. */
  abstract popular(k: number, now: number): Promise<Map<string, string[]>>;
}

/** The key `top` answers under. */
export const similarKey = (kind: string, productId: string): string => `${kind}\u0000${productId}`;
