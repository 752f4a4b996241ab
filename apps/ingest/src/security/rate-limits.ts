/**
 * How many requests ingest takes per time window, per process. A web write key is shared by
 * every browser of a site, so its limit is sized for a site's whole traffic, not one client's;
 * without a known key the client address is limited instead, far lower, so guessing keys is
 * slow while a misconfigured SDK still gets its 401s.
 */
export interface RateLimits {
  /** Requests per window a known write key may send. */
  readonly perWriteKey: number;
  /** Requests per window one client address may send without a known write key. */
  readonly perUnknownClient: number;
  readonly windowMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = Object.freeze({ perWriteKey: 2_000, perUnknownClient: 50, windowMs: 1_000 });
