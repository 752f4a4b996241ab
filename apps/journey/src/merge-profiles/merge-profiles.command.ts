import type { ProfilesMerged } from '@touchpoint/contracts';

/** Fold the journeys of merged profiles into the survivor's and retire their ids. */
export class MergeProfilesCommand {
  constructor(readonly merge: ProfilesMerged) {}
}
