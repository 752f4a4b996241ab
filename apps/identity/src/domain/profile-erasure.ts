import type { Identifier, IdentifierType } from '@touchpoint/contracts';

export interface ErasedProfile {
  readonly deletionId: string;
  readonly profileId: string;
  /** Profiles merged into it earlier: downstream state may still sit under their ids. */
  readonly mergedProfileIds: readonly string[];
  /** Only to drop cache entries; never stored or published. */
  readonly removed: readonly Identifier[];
  readonly identifierCounts: Readonly<Partial<Record<IdentifierType, number>>>;
  readonly deletedAt: Date;
}

export type ErasureOutcome =
  | { readonly status: 'erased'; readonly erased: ErasedProfile }
  | { readonly status: 'missing' }
  | { readonly status: 'merged'; readonly mergedInto: string };

/**
 * Erases a profile (GDPR): its identifiers and every merge / refusal record that holds their
 * values go; an audit entry with counts only stays. Atomic with respect to resolution.
 */
export abstract class ProfileErasure {
  /** Erasing an erased profile answers the first erasure again (same deletionId), removing nothing. */
  abstract erase(profileId: string, requestedBy: string): Promise<ErasureOutcome>;
}
