/** Undo one merge of a profile: the merged-away side lives again, and the link is blocked. */
export class UnmergeProfileCommand {
  constructor(
    /** Either side of the merge. */
    readonly profileId: string,
    readonly mergeId: string,
    /** Who asked, for the record (an operator or ticket id). */
    readonly requestedBy: string,
  ) {}
}
