import { bearerToken } from '@touchpoint/service-runtime';

/**
 * The token the explorer forwards to the services: the one the person at the page logged in
 * with, else the explorer's own (EXPLORER_ACCESS_TOKEN). The services decide what it may see;
 * the explorer checks nothing itself, so it can never show more than the token allows.
 */
export class ForwardedToken {
  constructor(private readonly fallback: string | null) {}

  /** For reading. */
  of(authorization: unknown): string | null {
    return bearerToken(authorization) ?? this.fallback;
  }

  /** For changes (unmerge, delete): only a token the person presented, never the explorer's own. */
  presented(authorization: unknown): string | null {
    return bearerToken(authorization) ?? null;
  }
}
