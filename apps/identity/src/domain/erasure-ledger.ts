/** An erasure that covers an event: one of its identifiers was erased after the event was received. */
export interface ErasedMatch {
  readonly deletionId: string;
  readonly erasedAt: Date;
}

/**
 * Which identifiers were erased, and when, by keyed hash only (IdentifierReader.erasureKey):
 * the ledger itself holds nothing that identifies anyone. Every path that re-reads topics
 * (resolution, replay, reprocessing, rebuilds) asks it before acting on an old event, so an
 * erased customer is not brought back by her own history.
 */
export abstract class ErasureLedger {
  /**
   * The erasure, if any, of one of `keys` at or after `receivedAt`: the event predates it and
   * must not be acted on. A customer who comes back after her erasure is a new customer: events
   * received after it are not covered.
   */
  abstract erasedSince(keys: readonly string[], receivedAt: Date): Promise<ErasedMatch | null>;
}

/** Thrown by the graph when an erasure committed while it resolved an event the erasure covers. */
export class ErasedIdentifierError extends Error {
  override readonly name = 'ErasedIdentifierError';

  constructor(readonly match: ErasedMatch) {
    super(`an identifier of the event was erased by deletion ${match.deletionId}`);
  }
}
