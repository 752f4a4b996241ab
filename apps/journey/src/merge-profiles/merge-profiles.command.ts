import type { ProfilesMerged } from '@touchpoint/contracts';

/** Fold the journeys of merged profiles into the survivor's. */
export class MergeProfilesCommand {
  constructor(
    readonly merge: ProfilesMerged,
    readonly traceId?: string,
  ) {}
}
