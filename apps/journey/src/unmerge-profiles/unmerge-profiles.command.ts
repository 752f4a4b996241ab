import type { ProfilesUnmerged } from '@touchpoint/contracts';

/** Split a merged journey back into the two profiles identity separated. */
export class UnmergeProfilesCommand {
  constructor(readonly unmerge: ProfilesUnmerged) {}
}
