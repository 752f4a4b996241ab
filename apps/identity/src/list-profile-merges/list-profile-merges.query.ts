/** The merge log and the refused merges of one profile (live, merged or deleted). */
export class ListProfileMergesQuery {
  constructor(readonly profileId: string) {}
}
