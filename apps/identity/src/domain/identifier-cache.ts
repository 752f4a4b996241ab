import type { Identifier } from '@touchpoint/contracts';

export interface CachedAssignment {
  readonly identifier: Identifier;
  readonly profileId: string;
}

/**
 * identifier -> profile id, in front of the graph for lookups. An optimization only: a miss
 * or an outage falls back to the graph, so implementations swallow and log their failures.
 */
export abstract class IdentifierCache {
  abstract get(identifier: Identifier): Promise<string | null>;
  /** Drops `invalidate` first, then writes `assign`: an identifier in both ends up assigned. */
  abstract update(assign: readonly CachedAssignment[], invalidate: readonly Identifier[]): Promise<void>;
}
